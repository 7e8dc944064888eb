// Package latency reports the spread of a benchmark's operation times,
// which ns/op (a mean) hides.
package latency

import (
	"slices"
	"testing"
	"time"
)

// Measure runs op once per b.Loop iteration, passing the iteration's
// number from 0, and reports the median and 99th percentile times in
// milliseconds (p50-ms, p99-ms).
func Measure(b *testing.B, op func(i int)) {
	b.Helper()
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		op(i)
		took = append(took, time.Since(start))
	}
	if len(took) == 0 {
		return
	}
	slices.Sort(took)
	b.ReportMetric(ms(took[len(took)/2]), "p50-ms")
	b.ReportMetric(ms(took[len(took)*99/100]), "p99-ms")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
