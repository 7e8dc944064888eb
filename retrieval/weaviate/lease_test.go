package weaviate_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// writerURLEnv tells the test binary, run again, to be a writer of the
// store at that URL (see TestHelperWriter).
const writerURLEnv = "WEAVIATE_TEST_WRITER_URL"

// TestHelperWriter is not a test: run by TestDeadWritersLeaseTakenOver as
// a process of its own, it starts writing the store, says so on stdout,
// and waits inside the write to be killed.
func TestHelperWriter(t *testing.T) {
	url := os.Getenv(writerURLEnv)
	if url == "" {
		t.Skip("run by TestDeadWritersLeaseTakenOver")
	}
	c, _ := weaviate.New(url, "")
	st, err := weaviate.NewStore(c, "Lease", weaviate.ClassOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := retrieval.NewGloVeEmbedder()
	stuck := &gatedEmbedder{Embedder: g, entered: make(chan struct{}), gate: make(chan struct{})}
	go func() {
		<-stuck.entered
		fmt.Println("writing")
	}()
	st.Write(context.Background(), dispatches(20, 0, "killed"), weaviate.WriteOptions{Embedder: stuck})
	t.Fatal("the write ended")
}

// A writer killed mid-write leaves its lease in the store; a writer on the
// same host takes it over at once, since the process that held it is
// gone. A lease of another host is still honoured until it lapses: its
// process cannot be looked up from here.
func TestDeadWritersLeaseTakenOver(t *testing.T) {
	s := weaviatetest.Start(t)
	ctx := t.Context()
	c, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	st, err := weaviate.NewStore(c, "Lease", weaviate.ClassOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := retrieval.NewGloVeEmbedder()
	opts := weaviate.WriteOptions{Embedder: g}
	if _, err := st.Write(ctx, dispatches(5, 0, "first"), opts); err != nil {
		t.Fatal(err)
	}

	writer := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$")
	writer.Env = append(os.Environ(), writerURLEnv+"="+s.URL)
	out, err := writer.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	writer.Stderr = os.Stderr
	if err := writer.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { writer.Process.Kill(); writer.Wait() })
	lines := bufio.NewScanner(out)
	for lines.Scan() && !strings.Contains(lines.Text(), "writing") {
	}
	if _, err := st.Write(ctx, dispatches(6, 0, "second"), opts); !errors.Is(err, weaviate.ErrBusy) {
		t.Fatalf("a write while pid %d writes: %v, want ErrBusy", writer.Process.Pid, err)
	}
	if err := writer.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	writer.Wait()
	rep, err := st.Write(ctx, dispatches(6, 0, "second"), opts)
	if err != nil {
		t.Fatalf("a write after the writer was killed: %v", err)
	}
	if rep.Version != 2 || len(rep.Changes.Added) != 1 {
		t.Errorf("the write after the killed one: %+v", rep)
	}

	// A process of this host whose PID is now this one's, started at
	// another time (a container's PID 1, restarted), holds nothing.
	host, _ := os.Hostname()
	if err := weaviate.HoldLease(ctx, st, host, os.Getpid(), 1); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Write(ctx, dispatches(7, 0, "third"), opts); err != nil {
		t.Fatalf("a write after an earlier process with this PID: %v", err)
	}

	// The same dead process, on another host: refused until the lease lapses.
	if err := weaviate.HoldLease(ctx, st, "another-host", writer.Process.Pid, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Write(ctx, dispatches(8, 0, "fourth"), opts); !errors.Is(err, weaviate.ErrBusy) || !strings.Contains(err.Error(), "another-host") {
		t.Fatalf("a write while another host's writer holds the lease: %v, want ErrBusy naming it", err)
	}
}
