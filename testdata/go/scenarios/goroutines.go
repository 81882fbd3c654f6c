package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// cmdGoroutines exercises the scheduler, channels, sync and timers. All
// results are sequenced or sorted so that the output does not depend on
// scheduling.
func cmdGoroutines() int {
	// A three-stage pipeline: generate 1..100, square, sum.
	gen := make(chan int)
	sq := make(chan int, 4)
	go func() {
		defer close(gen)
		for i := 1; i <= 100; i++ {
			gen <- i
		}
	}()
	go func() {
		defer close(sq)
		for v := range gen {
			sq <- v * v
		}
	}()
	total := 0
	for v := range sq {
		total += v
	}
	fmt.Printf("pipeline sum of squares 1..100 = %d\n", total)

	// N workers summing ranges, joined with a WaitGroup.
	const workers = 8
	var wg sync.WaitGroup
	partial := make([]int64, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var s int64
			for i := int64(w) * 100_000; i < int64(w+1)*100_000; i++ {
				s += i
				if i%10_000 == 0 {
					runtime.Gosched()
				}
			}
			partial[w] = s
		}(w)
	}
	wg.Wait()
	var grand int64
	for _, s := range partial {
		grand += s
	}
	fmt.Printf("workers=%d partial[0]=%d partial[7]=%d total=%d\n", workers, partial[0], partial[7], grand)

	// Results arrive in any order over a channel; sort them.
	results := make(chan string, workers)
	for w := 0; w < workers; w++ {
		go func(w int) { results <- fmt.Sprintf("worker-%d", w) }(w)
	}
	got := make([]string, 0, workers)
	for i := 0; i < workers; i++ {
		got = append(got, <-results)
	}
	sort.Strings(got)
	fmt.Printf("results (sorted): %v\n", got)

	// A mutex-protected counter and an atomic counter.
	var mu sync.Mutex
	counter := 0
	var atomicCounter atomic.Int64
	for g := 0; g < 10; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
				atomicCounter.Add(1)
			}
		}()
	}
	wg.Wait()
	fmt.Printf("mutex counter=%d atomic counter=%d\n", counter, atomicCounter.Load())

	// Many goroutines at once.
	var many sync.WaitGroup
	var manySum atomic.Int64
	for i := 1; i <= 2000; i++ {
		many.Add(1)
		go func(i int) {
			defer many.Done()
			manySum.Add(int64(i))
		}(i)
	}
	many.Wait()
	fmt.Printf("2000 goroutines sum=%d\n", manySum.Load())

	// Unbuffered ping-pong.
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	v := 0
	for i := 0; i < 1000; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	_, open := <-pong
	fmt.Printf("ping-pong value=%d pong-closed=%v\n", v, !open)

	// sync.Once.
	var once sync.Once
	onceCount := 0
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); once.Do(func() { onceCount++ }) }()
	}
	wg.Wait()
	fmt.Printf("once ran %d time(s)\n", onceCount)

	// sync.Cond: wait until a producer has set the flag.
	var cmu sync.Mutex
	cond := sync.NewCond(&cmu)
	ready := false
	go func() {
		time.Sleep(2 * time.Millisecond)
		cmu.Lock()
		ready = true
		cmu.Unlock()
		cond.Broadcast()
	}()
	cmu.Lock()
	for !ready {
		cond.Wait()
	}
	cmu.Unlock()
	fmt.Printf("cond: ready=%v\n", ready)

	// time.Sleep.
	start := time.Now()
	time.Sleep(20 * time.Millisecond)
	fmt.Printf("sleep(20ms): elapsed>=20ms %v\n", time.Since(start) >= 20*time.Millisecond)

	// Sleeping goroutines wake in order of their deadlines.
	order := make(chan int, 3)
	for _, d := range []int{60, 20, 40} {
		go func(d int) {
			time.Sleep(time.Duration(d) * time.Millisecond)
			order <- d
		}(d)
	}
	fmt.Printf("sleep-sort: %d %d %d\n", <-order, <-order, <-order)

	// time.NewTimer fires; a stopped timer does not.
	start = time.Now()
	t := time.NewTimer(10 * time.Millisecond)
	<-t.C
	fmt.Printf("timer fired: elapsed>=10ms %v\n", time.Since(start) >= 10*time.Millisecond)
	t2 := time.NewTimer(time.Hour)
	fmt.Printf("stop pending timer: %v\n", t2.Stop())
	var fired atomic.Bool
	t3 := time.AfterFunc(5*time.Millisecond, func() { fired.Store(true) })
	time.Sleep(15 * time.Millisecond)
	fmt.Printf("AfterFunc fired: %v, stop after firing: %v\n", fired.Load(), t3.Stop())

	// select with a timeout: nothing ever arrives on never.
	never := make(chan int)
	select {
	case <-never:
		fmt.Println("select: impossible")
	case <-time.After(15 * time.Millisecond):
		fmt.Println("select: timed out as expected")
	}
	// select where a value is ready before the timeout.
	soon := make(chan string, 1)
	go func() { time.Sleep(time.Millisecond); soon <- "value" }()
	select {
	case s := <-soon:
		fmt.Printf("select: got %q before timeout\n", s)
	case <-time.After(5 * time.Second):
		fmt.Println("select: unexpected timeout")
	}
	// Non-blocking select.
	select {
	case <-never:
		fmt.Println("default: impossible")
	default:
		fmt.Println("select default taken")
	}

	// Ticker: a few ticks.
	start = time.Now()
	ticker := time.NewTicker(5 * time.Millisecond)
	ticks := 0
	for range ticker.C {
		ticks++
		if ticks == 4 {
			break
		}
	}
	ticker.Stop()
	fmt.Printf("ticker: ticks=%d elapsed>=20ms %v\n", ticks, time.Since(start) >= 20*time.Millisecond)

	// context with a deadline.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	select {
	case <-ctx.Done():
		fmt.Printf("context: DeadlineExceeded=%v\n", errors.Is(ctx.Err(), context.DeadlineExceeded))
	case <-time.After(5 * time.Second):
		fmt.Println("context: deadline missed")
	}
	ctx2, cancel2 := context.WithCancel(context.Background())
	go cancel2()
	<-ctx2.Done()
	fmt.Printf("context: Canceled=%v\n", errors.Is(ctx2.Err(), context.Canceled))

	// A panic inside a goroutine, recovered there.
	recovered := make(chan any)
	go func() {
		defer func() { recovered <- recover() }()
		var m map[string]int
		m["x"] = 1 // assignment to entry in nil map
	}()
	fmt.Printf("recovered in goroutine: %v\n", <-recovered)

	// Deadlock-free buffered channel drain with close.
	buf := make(chan int, 10)
	for i := 0; i < 10; i++ {
		buf <- i
	}
	close(buf)
	drained := 0
	for x := range buf {
		drained += x
	}
	fmt.Printf("buffered drain sum=%d\n", drained)
	fmt.Println("goroutines: done")
	return 0
}
