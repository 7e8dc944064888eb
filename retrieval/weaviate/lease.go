package weaviate

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"
)

// ErrBusy means another process is writing the store: Weaviate has no
// transactions, so one writer at a time holds a lease on it.
var ErrBusy = errors.New("another writer holds the store")

// lease is the writer's claim, kept in Name_State beside the state.
type lease struct {
	Owner string    `json:"owner"`
	Until time.Time `json:"until"`
	// Host and PID name the writer's process, and Started when it
	// started (see processStart; 0 when unknown): a writer on the same
	// host takes over the lease of a process that is gone.
	Host    string `json:"host,omitempty"`
	PID     int    `json:"pid,omitempty"`
	Started uint64 `json:"started,omitempty"`
}

// leaseTerm is how long a lease lasts unless renewed; a writer renews it
// every third of that, so a writer that died on another host frees the
// store after it (one on this host, at once: see gone).
const leaseTerm = 3 * time.Minute

// gone reports whether l was taken by a process of this host that no
// longer runs: its PID is free, or taken by a process started at another
// time. Hosts are told apart by name, so two containers must not share a
// host name (they do not by default).
func (l lease) gone(host string) bool {
	if l.Host == "" || l.Host != host || l.PID <= 0 {
		return false
	}
	// This process's own PID is another process's only when it started at
	// another time (a container's PID 1, restarted): another writer of
	// this process holds the store otherwise.
	running, started := processStart(l.PID)
	return !running || (l.Started != 0 && started != 0 && started != l.Started)
}

func (s *Store) leaseID() string { return objectID(s.stateClass(), "writer") }

func (s *Store) readLease(ctx context.Context) (lease, error) {
	var obj struct {
		Properties struct {
			State string `json:"state"`
		} `json:"properties"`
	}
	err := s.c.do(ctx, "GET", "/v1/objects/"+s.stateClass()+"/"+s.leaseID(), nil, &obj)
	var se *StatusError
	if errors.As(err, &se) && se.Code == http.StatusNotFound {
		return lease{}, nil
	}
	if err != nil {
		return lease{}, fmt.Errorf("read the writer's lease: %w", err)
	}
	var l lease
	if obj.Properties.State != "" {
		if err := json.Unmarshal([]byte(obj.Properties.State), &l); err != nil {
			return lease{}, fmt.Errorf("read the writer's lease: %w", err)
		}
	}
	return l, nil
}

func (s *Store) putLease(ctx context.Context, l lease) error {
	raw, err := json.Marshal(l)
	if err != nil {
		return fmt.Errorf("write the writer's lease: %w", err)
	}
	return s.putObjects(ctx, s.stateClass(), []map[string]any{{"id": s.leaseID(), "properties": map[string]any{"state": string(raw)}}})
}

// notHeld fails with ErrBusy when another writer holds the lease now.
func (s *Store) notHeld(ctx context.Context) error {
	held, err := s.readLease(ctx)
	if err != nil {
		return err
	}
	host, _ := os.Hostname()
	if held.Owner != "" && time.Now().Before(held.Until) && !held.gone(host) {
		return fmt.Errorf("%w: %s, until %s", ErrBusy, held.Owner, held.Until.Format(time.RFC3339))
	}
	return nil
}

// claimSettle is how long after writing its lease a writer reads it back:
// long enough for another writer that found the store free at the same
// moment to have written its own.
const claimSettle = 300 * time.Millisecond

// claim is a lease written and not yet confirmed (see Store.claim).
type claim struct {
	s    *Store
	me   string
	mine func() lease
	at   time.Time
}

// claim writes this writer's lease when no other writer holds one. Two
// writers claiming it at once both write it; confirm reads it back a
// moment later, and the one that finds the other's name gives way. What
// is done between the two must not change the store (but for making its
// classes, which two writers did at once before leases were taken).
func (s *Store) claim(ctx context.Context) (*claim, error) {
	if err := s.notHeld(ctx); err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	var raw [6]byte
	rand.Read(raw[:])
	me := fmt.Sprintf("%s pid %d (%s)", host, os.Getpid(), hex.EncodeToString(raw[:]))
	_, started := processStart(os.Getpid())
	c := &claim{s: s, me: me, mine: func() lease {
		return lease{Owner: me, Until: time.Now().Add(leaseTerm), Host: host, PID: os.Getpid(), Started: started}
	}}
	if err := s.putLease(ctx, c.mine()); err != nil {
		return nil, err
	}
	c.at = time.Now()
	return c, nil
}

// confirm waits until claimSettle has passed since the claim, reads the
// lease back and, when it is still this writer's, keeps renewing it until
// release is called; ErrBusy when another writer's claim came after.
func (c *claim) confirm(ctx context.Context) (release func(), err error) {
	time.Sleep(claimSettle - time.Since(c.at))
	held, err := c.s.readLease(ctx)
	if err != nil {
		return nil, err
	}
	if held.Owner != c.me {
		return nil, fmt.Errorf("%w: %s", ErrBusy, held.Owner)
	}
	renew, stop := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(leaseTerm / 3)
		defer t.Stop()
		for {
			select {
			case <-renew.Done():
				return
			case <-t.C:
				c.s.putLease(renew, c.mine())
			}
		}
	}()
	return func() {
		stop()
		<-done
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		c.s.putLease(ctx, lease{}) // if this fails, the lease lapses by itself
	}, nil
}

// abandon gives up a claim not confirmed: the lease is cleared if it is
// still this writer's.
func (c *claim) abandon(ctx context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if held, err := c.s.readLease(ctx); err == nil && held.Owner == c.me {
		c.s.putLease(ctx, lease{}) // if this fails, the lease lapses by itself
	}
}
