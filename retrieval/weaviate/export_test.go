package weaviate

import (
	"context"
	"fmt"
	"time"
)

// CheckRowByRow makes questions check the chunks they get against their
// documents' rows, as they do when too many documents were replaced to
// read their keys at once, until the returned func is called.
func CheckRowByRow() (restore func()) {
	replacedSetMax = -1
	return func() { replacedSetMax = maxLimit }
}

// HoldLease writes the writer's lease as a process pid of host, started
// at started (clock ticks since boot; 0: unknown), would.
func HoldLease(ctx context.Context, s *Store, host string, pid int, started uint64) error {
	return s.putLease(ctx, lease{Owner: fmt.Sprintf("%s pid %d", host, pid), Until: time.Now().Add(leaseTerm), Host: host, PID: pid, Started: started})
}

// PageHidden makes questions read the rows of the documents hidden from
// their askers n at a time, until the returned func is called.
func PageHidden(n int) (restore func()) {
	hiddenPage = n
	return func() { hiddenPage = 1000 }
}
