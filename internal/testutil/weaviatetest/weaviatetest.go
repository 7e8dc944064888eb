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
	"runtime"
	"strings"
	"sync"
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

// Server is a running Weaviate node.
type Server struct {
	// URL is its REST base, e.g. http://127.0.0.1:41234.
	URL string
	// GRPC is its gRPC API's address, e.g. 127.0.0.1:41235.
	GRPC string
	// Started is how long it took to be ready.
	Started time.Duration
	// Name is its node name, e.g. "node1".
	Name string

	bin, dir string
	env      []string
	cmd      *exec.Cmd
	done     chan struct{}
	logFile  *os.File
}

// usable skips tb when no server can be started here.
func usable(tb testing.TB) string {
	tb.Helper()
	bin := Binary()
	if bin == "" {
		tb.Skip("no Weaviate server: scripts/weaviate-server.sh builds one")
	}
	if os.Getenv(netnsEnv) == "" {
		tb.Skip("Weaviate's cluster ports listen on every interface: run in a network namespace (root and unshare)")
	}
	return bin
}

// nodePorts are one node's ports. Weaviate takes the data port to be the
// gossip port + 1 and the internal RPC port to be the Raft port + 1, so
// those come in pairs.
type nodePorts struct{ rest, grpc, gossip, raft int }

func newNodePorts(tb testing.TB) nodePorts {
	tb.Helper()
	// Inside the test's own network namespace no one else listens, so a
	// node takes a block of six neighbouring ports; each is checked free.
	for range 200 {
		portMu.Lock()
		base := nextPort
		nextPort += 10
		portMu.Unlock()
		if blockFree(base, 6) {
			return nodePorts{rest: base, grpc: base + 1, gossip: base + 2, raft: base + 4}
		}
	}
	tb.Fatal("no six neighbouring free ports")
	return nodePorts{}
}

var (
	portMu   sync.Mutex
	nextPort = 20000
)

func blockFree(base, n int) bool {
	for p := base; p < base+n; p++ {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			return false
		}
		l.Close()
	}
	return true
}

// Start starts a single-node server and waits until it is ready; the test
// is skipped when no binary exists or it is not inside a namespace of its
// own.
func Start(tb testing.TB) *Server {
	tb.Helper()
	bin := usable(tb)
	p := newNodePorts(tb)
	s := newNode(tb, bin, "node1", p, []string{
		"RAFT_BOOTSTRAP_EXPECT=1",
		fmt.Sprintf("RAFT_JOIN=node1:%d", p.raft+1),
	})
	s.start(tb)
	return s
}

// StartCluster starts n nodes that form one cluster (node1 … nodeN, all
// voters), and waits until each is ready.
func StartCluster(tb testing.TB, n int) []*Server {
	tb.Helper()
	bin := usable(tb)
	ports := make([]nodePorts, n)
	var join []string
	for i := range ports {
		ports[i] = newNodePorts(tb)
		join = append(join, fmt.Sprintf("node%d:%d", i+1, ports[i].raft))
	}
	nodes := make([]*Server, n)
	for i := range nodes {
		env := []string{
			// Nodes on one host: each has its own Raft port, and the
			// RPC port is found as the Raft port + 1.
			"CLUSTER_IN_LOCALHOST=true",
			fmt.Sprintf("RAFT_BOOTSTRAP_EXPECT=%d", n),
			"RAFT_JOIN=" + strings.Join(join, ","),
		}
		if i > 0 {
			env = append(env, fmt.Sprintf("CLUSTER_JOIN=127.0.0.1:%d", ports[0].gossip))
		}
		nodes[i] = newNode(tb, bin, fmt.Sprintf("node%d", i+1), ports[i], env)
	}
	// None is ready before the Raft quorum exists, so all start together;
	// the others join node1's gossip, so it goes first and must be
	// listening.
	nodes[0].launch(tb)
	gossip := fmt.Sprintf("127.0.0.1:%d", ports[0].gossip)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", gossip); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			tb.Fatalf("node1's gossip port %s never opened", gossip)
		}
	}
	for _, s := range nodes[1:] {
		s.launch(tb)
	}
	for i := len(nodes) - 1; i >= 0; i-- {
		nodes[i].waitReady(tb)
	}
	return nodes
}

func newNode(tb testing.TB, bin, name string, p nodePorts, extra []string) *Server {
	env := append(os.Environ(),
		"PERSISTENCE_DATA_PATH="+tb.TempDir(),
		"AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true",
		"DEFAULT_VECTORIZER_MODULE=none",
		"DISABLE_TELEMETRY=true",
		"CLUSTER_HOSTNAME="+name,
		"CLUSTER_ADVERTISE_ADDR=127.0.0.1",
		fmt.Sprintf("CLUSTER_GOSSIP_BIND_PORT=%d", p.gossip),
		fmt.Sprintf("CLUSTER_DATA_BIND_PORT=%d", p.gossip+1),
		fmt.Sprintf("RAFT_PORT=%d", p.raft),
		fmt.Sprintf("RAFT_INTERNAL_RPC_PORT=%d", p.raft+1),
		fmt.Sprintf("GRPC_PORT=%d", p.grpc),
		"RAFT_TIMEOUTS_MULTIPLIER=1",
		// BM25 over data still in a memtable is slow (200 ms and more at
		// 11k chunks, against 12 ms once flushed); the default waits 60 s
		// after the last write before flushing.
		"PERSISTENCE_MEMTABLES_FLUSH_DIRTY_AFTER_SECONDS=5",
		// Vectors are indexed after a write is answered, from a queue the
		// store waits on before publishing (as in production: see
		// docs/weaviate.md).
		"ASYNC_INDEXING=true",
		// The queue's scheduler looks for vectors to index every second
		// by default: with a flat index (no graph to build) most of the
		// wait for the vector queue at the end of a write was that
		// interval (0.5–1.1 s a MultiHop write, against 0.13–0.26 s).
		"QUEUE_SCHEDULER_INTERVAL=100ms",
		// Garbage collection took 11% of the server's CPU during writes;
		// at 300 a chunk costs 1.4–1.6 ms of its CPU instead of 2.0 (see
		// bench/README.md), for a larger heap.
		"GOGC=300",
		// Weaviate drains the vector queue with GOMAXPROCS-1 workers: one
		// on two cores, which left a core idle while a write waited for
		// its vectors to be indexed.
		fmt.Sprintf("GOMAXPROCS=%d", runtime.NumCPU()+1),
		"LOG_LEVEL=warning",
	)
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", p.rest), GRPC: fmt.Sprintf("127.0.0.1:%d", p.grpc), Name: name, bin: bin, dir: tb.TempDir(),
		env: append(append(env, extra...), serverEnv()...)}
	tb.Cleanup(func() { s.Stop() })
	return s
}

// serverEnv is BOT_WEAVIATE_SERVER_ENV's settings (KEY=VALUE, separated
// by spaces), given to every test server after the settings above, which
// they override: for measuring a server setting without a new build, as
// in bench/README.md.
func serverEnv() []string {
	return strings.Fields(os.Getenv("BOT_WEAVIATE_SERVER_ENV"))
}

func (s *Server) start(tb testing.TB) {
	tb.Helper()
	s.launch(tb)
	s.waitReady(tb)
}

// launch starts the process; its log goes to a file in its directory.
func (s *Server) launch(tb testing.TB) {
	tb.Helper()
	port := strings.TrimPrefix(s.URL, "http://127.0.0.1:")
	args := []string{s.bin, "--host", "127.0.0.1", "--port", port, "--scheme", "http"}
	// BOT_WEAVIATE_SERVER_CPUS pins the server to those cores (taskset's
	// list, "1" or "2-3"), so that a benchmark pinned elsewhere does not
	// share them.
	if cpus := os.Getenv("BOT_WEAVIATE_SERVER_CPUS"); cpus != "" {
		args = append([]string{"taskset", "-c", cpus}, args...)
	}
	s.cmd = exec.Command(args[0], args[1:]...)
	s.cmd.Env = s.env
	var err error
	s.logFile, err = os.OpenFile(filepath.Join(s.dir, "weaviate.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		tb.Fatal(err)
	}
	s.cmd.Stdout, s.cmd.Stderr = s.logFile, s.logFile
	if err := s.cmd.Start(); err != nil {
		tb.Fatalf("start weaviate %s: %v", s.Name, err)
	}
	s.done = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) { cmd.Wait(); close(done) }(s.cmd, s.done)
}

func (s *Server) waitReady(tb testing.TB) {
	tb.Helper()
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		resp, err := http.Get(s.URL + "/v1/.well-known/ready")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				s.Started = time.Since(start)
				return
			}
		}
		select {
		case <-ctx.Done():
		case <-s.done:
			tb.Fatalf("weaviate %s exited; log:\n%s", s.Name, tail(filepath.Join(s.dir, "weaviate.log"), 20))
		case <-time.After(50 * time.Millisecond):
		}
	}
	tb.Fatalf("weaviate %s not ready within 60 s; log:\n%s", s.Name, tail(filepath.Join(s.dir, "weaviate.log"), 20))
}

// Stop stops the node by its PID (interrupt, then kill after 10 s). It
// keeps its data, so Restart brings it back with what it held.
func (s *Server) Stop() {
	if s.cmd == nil || s.done == nil {
		return
	}
	select {
	case <-s.done:
	default:
		s.cmd.Process.Signal(os.Interrupt)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-s.done
		}
	}
	s.logFile.Close()
}

// PID is the node's process ID while it runs.
func (s *Server) PID() int {
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// Kill kills the node at once, as a lost machine would stop.
func (s *Server) Kill() {
	if s.cmd != nil {
		s.cmd.Process.Kill()
		<-s.done
		s.logFile.Close()
	}
}

// Restart starts a stopped node again on the same ports and data path,
// and waits until it is ready.
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	s.start(tb)
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
