// Package weaviatetest starts a real Weaviate server for tests: the pinned
// binary that scripts/weaviate-server.sh builds and caches, on free loopback
// ports, with a temporary data path, stopped by its PID when the test ends.
//
// Weaviate's cluster ports listen on every interface whatever it is told,
// so tests that use it run inside a network namespace of their own:
// InNamespace re-executes the test binary under "unshare -n" (root, as here
// and in CI), where only a loopback interface exists.
package weaviatetest

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Binary returns the cached server binary (WEAVIATE_SERVER, or the path
// scripts/weaviate-server.sh builds to), or "" when there is none.
func Binary() string {
	if p := os.Getenv("WEAVIATE_SERVER"); p != "" {
		return p
	}
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, _ := os.UserHomeDir()
		cache = filepath.Join(home, ".cache")
	}
	p := filepath.Join(cache, "newsroom-bot", "weaviate", "v1.35.2", "weaviate-server")
	if fi, err := os.Stat(p); err == nil && fi.Mode()&0o111 != 0 {
		return p
	}
	return ""
}

// netnsEnv marks a test binary already running in its own network namespace.
const netnsEnv = "WEAVIATE_TEST_NETNS"

// InNamespace runs the tests (from TestMain) inside a network namespace of
// their own when a server binary exists and unshare is allowed; it returns
// false when the caller should run the tests itself.
func InNamespace(m interface{ Run() int }) (code int, done bool) {
	if os.Getenv(netnsEnv) != "" || Binary() == "" || os.Geteuid() != 0 {
		return 0, false
	}
	if _, err := exec.LookPath("unshare"); err != nil {
		return 0, false
	}
	cmd := exec.Command("unshare", append([]string{"-n", "sh", "-c", `ip link set lo up && exec "$0" "$@"`, os.Args[0]}, os.Args[1:]...)...)
	cmd.Env = append(os.Environ(), netnsEnv+"=1")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), true
		}
		fmt.Fprintln(os.Stderr, "weaviatetest: cannot enter a network namespace:", err)
		return 0, false
	}
	return 0, true
}

// Server is a running Weaviate.
type Server struct {
	// URL is its REST base, e.g. http://127.0.0.1:41234.
	URL string
	// Started is how long it took to be ready.
	Started time.Duration
	cmd     *exec.Cmd
}

// Start starts a single-node server and waits until it is ready; the test
// is skipped when no binary exists or it is not inside a namespace of its
// own.
func Start(tb testing.TB) *Server {
	tb.Helper()
	bin := Binary()
	if bin == "" {
		tb.Skip("no Weaviate server: scripts/weaviate-server.sh builds one")
	}
	if os.Getenv(netnsEnv) == "" {
		tb.Skip("Weaviate's cluster ports listen on every interface: run in a network namespace (root and unshare)")
	}
	ports := freePorts(tb, 6)
	dir := tb.TempDir()
	cmd := exec.Command(bin, "--host", "127.0.0.1", "--port", fmt.Sprint(ports[0]), "--scheme", "http")
	cmd.Env = append(os.Environ(),
		"PERSISTENCE_DATA_PATH="+dir,
		"AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true",
		"DEFAULT_VECTORIZER_MODULE=none",
		"DISABLE_TELEMETRY=true",
		"CLUSTER_HOSTNAME=node1",
		"CLUSTER_ADVERTISE_ADDR=127.0.0.1",
		fmt.Sprintf("CLUSTER_GOSSIP_BIND_PORT=%d", ports[1]),
		fmt.Sprintf("CLUSTER_DATA_BIND_PORT=%d", ports[2]),
		fmt.Sprintf("RAFT_PORT=%d", ports[3]),
		fmt.Sprintf("RAFT_INTERNAL_RPC_PORT=%d", ports[4]),
		fmt.Sprintf("GRPC_PORT=%d", ports[5]),
		"RAFT_BOOTSTRAP_EXPECT=1",
		"RAFT_JOIN=node1",
		"RAFT_TIMEOUTS_MULTIPLIER=1",
		"LOG_LEVEL=warning",
	)
	logPath := filepath.Join(dir, "weaviate.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		tb.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start weaviate: %v", err)
	}
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", ports[0]), cmd: cmd}
	tb.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		logFile.Close()
	})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		resp, err := http.Get(s.URL + "/v1/.well-known/ready")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				s.Started = time.Since(start)
				return s
			}
		}
		select {
		case <-ctx.Done():
		case <-time.After(50 * time.Millisecond):
		}
	}
	tb.Fatalf("weaviate not ready within 60 s; log:\n%s", tail(logPath, 20))
	return nil
}

// freePorts returns n free loopback TCP ports.
func freePorts(tb testing.TB, n int) []int {
	var out []int
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			tb.Fatal(err)
		}
		ls = append(ls, l)
		out = append(out, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return out
}

func tail(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if len(lines) > n {
			lines = lines[1:]
		}
	}
	return strings.Join(lines, "\n")
}
