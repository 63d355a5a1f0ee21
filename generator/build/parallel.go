package build

import (
	"runtime"

	"golang.org/x/sync/errgroup"
)

// forEach calls fn(i) for every i in [0, n) on every core. Work is handed
// out in small chunks of indexes, so that handing it out costs nothing next
// to doing it; fn writes its results by index, so the outcome does not
// depend on which worker finished first.
func forEach(n int, fn func(i int)) {
	const chunk = 16
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for lo := 0; lo < n; lo += chunk {
		g.Go(func() error {
			for i := lo; i < min(lo+chunk, n); i++ {
				fn(i)
			}
			return nil
		})
	}
	g.Wait() // fn reports its own problems
}
