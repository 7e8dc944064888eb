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

// acquire takes the writer's lease, renewing it until release is called.
// Two writers taking it at once both write it and read it back a moment
// later: the one that finds the other's name gives way.
func (s *Store) acquire(ctx context.Context) (release func(), err error) {
	held, err := s.readLease(ctx)
	if err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	if held.Owner != "" && time.Now().Before(held.Until) && !held.gone(host) {
		return nil, fmt.Errorf("%w: %s, until %s", ErrBusy, held.Owner, held.Until.Format(time.RFC3339))
	}
	var raw [6]byte
	rand.Read(raw[:])
	me := fmt.Sprintf("%s pid %d (%s)", host, os.Getpid(), hex.EncodeToString(raw[:]))
	_, started := processStart(os.Getpid())
	mine := func() lease {
		return lease{Owner: me, Until: time.Now().Add(leaseTerm), Host: host, PID: os.Getpid(), Started: started}
	}
	if err := s.putLease(ctx, mine()); err != nil {
		return nil, err
	}
	time.Sleep(300 * time.Millisecond)
	if held, err = s.readLease(ctx); err != nil {
		return nil, err
	}
	if held.Owner != me {
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
				s.putLease(renew, mine())
			}
		}
	}()
	return func() {
		stop()
		<-done
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		s.putLease(ctx, lease{}) // if this fails, the lease lapses by itself
	}, nil
}
