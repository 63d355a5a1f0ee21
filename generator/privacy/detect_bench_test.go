//go:build unix

package privacy

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchProse builds about 1 MB of neighbourhood prose from the fixture: its
// sentences without names, with one named sentence in every 40 when
// withNames, in paragraphs of markdown as volunteers write them.
func benchProse(b *testing.B, withNames bool) string {
	b.Helper()
	var plain, named []string
	for _, fl := range readFixture(b) {
		if len(fl.want) == 0 {
			plain = append(plain, fl.text)
		} else {
			named = append(named, fl.text)
		}
	}
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		if withNames && i%40 == 39 {
			sb.WriteString(named[(i/40)%len(named)])
		} else {
			sb.WriteString(plain[i%len(plain)])
		}
		if i%6 == 5 {
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

func benchmarkLikely(b *testing.B, withNames bool) {
	text := benchProse(b, withNames)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	start := cpuTime(b)
	n := 0
	for b.Loop() {
		Likely(text, nil)
		n++
	}
	// The build machine is shared: wall-clock MB/s depends on the load, the
	// process's CPU time does not (much).
	if cpu := cpuTime(b) - start; cpu > 0 {
		b.ReportMetric(float64(n)*float64(len(text))/cpu.Seconds()/1e6, "cpu-MB/s")
	}
}

// cpuTime is the user and system time the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLikelyProse is the build's case: prose with a few names.
func BenchmarkLikelyProse(b *testing.B) { benchmarkLikely(b, true) }

// BenchmarkLikelyNoNames is prose in which nothing is reported.
func BenchmarkLikelyNoNames(b *testing.B) { benchmarkLikely(b, false) }
