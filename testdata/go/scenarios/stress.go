package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"math/big"
	"sort"
	"strings"
)

// cmdStress does some CPU work with deterministic results.
func cmdStress() int {
	// sha256 / sha512 / crc32 of a generated 4 MiB buffer.
	buf := make([]byte, 4<<20)
	var x uint32 = 2463534242
	for i := range buf {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		buf[i] = byte(x >> 24)
	}
	fmt.Printf("sha256(4MiB xorshift) = %x\n", sha256.Sum256(buf))
	fmt.Printf("sha512/256 = %x\n", sha512.Sum512_256(buf))
	fmt.Printf("crc32 = %08x\n", crc32.ChecksumIEEE(buf))

	// fannkuch-redux.
	checksum, flips := fannkuch(9)
	fmt.Printf("fannkuch(9): checksum=%d maxflips=%d\n", checksum, flips)

	// n-body.
	bodies := newSystem()
	fmt.Printf("nbody energy before: %.9f\n", energy(bodies))
	for i := 0; i < 100_000; i++ {
		advance(bodies, 0.01)
	}
	fmt.Printf("nbody energy after 100000 steps: %.9f\n", energy(bodies))

	// Sieve of Eratosthenes.
	const limit = 2_000_000
	composite := make([]bool, limit+1)
	primes := 0
	lastPrime := 0
	for i := 2; i <= limit; i++ {
		if !composite[i] {
			primes++
			lastPrime = i
			for j := i * i; j <= limit; j += i {
				composite[j] = true
			}
		}
	}
	fmt.Printf("primes <= %d: %d, largest %d\n", limit, primes, lastPrime)

	// math/big.
	fact := new(big.Int).MulRange(1, 300)
	digits := fact.String()
	digitSum := 0
	for _, c := range digits {
		digitSum += int(c - '0')
	}
	fmt.Printf("300!: %d digits, digit sum %d, ends with %s\n", len(digits), digitSum, digits[len(digits)-20:])
	a, b := big.NewInt(0), big.NewInt(1)
	for i := 0; i < 1000; i++ {
		a.Add(a, b)
		a, b = b, a
	}
	fibStr := a.String()
	fmt.Printf("fib(1000) has %d digits, starts %s\n", len(fibStr), fibStr[:20])
	mod := new(big.Int).Exp(big.NewInt(3), big.NewInt(100_003), big.NewInt(1_000_000_007))
	fmt.Printf("3^100003 mod 1e9+7 = %s, 2^127-1 probably prime: %v\n", mod, new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 127), big.NewInt(1)).ProbablyPrime(20))
	pi := new(big.Float).SetPrec(200).SetInt64(1)
	pi.Quo(pi, big.NewFloat(7).SetPrec(200))
	fmt.Printf("1/7 at 200 bits: %s\n", pi.Text('g', 50))

	// gzip round trip.
	var text strings.Builder
	for i := 0; i < 20_000; i++ {
		fmt.Fprintf(&text, "line %d: the quick brown fox %d jumps over the lazy dog\n", i, i*i%997)
	}
	var zbuf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zbuf, gzip.BestCompression)
	zw.Write([]byte(text.String()))
	zw.Close()
	compressed := zbuf.Len()
	zr, err := gzip.NewReader(&zbuf)
	if err != nil {
		fmt.Println("gzip reader FAILED")
		return 1
	}
	plain, err := io.ReadAll(zr)
	fmt.Printf("gzip: %d -> %d bytes, round trip ok: %v\n", text.Len(), compressed, err == nil && string(plain) == text.String())

	// Map-heavy work and sorting.
	counts := map[string]int{}
	for i := 0; i < 200_000; i++ {
		counts[fmt.Sprintf("k%d", (i*7919)%5003)]++
	}
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range counts {
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool {
		if kvs[i].v != kvs[j].v {
			return kvs[i].v > kvs[j].v
		}
		return kvs[i].k < kvs[j].k
	})
	fmt.Printf("map: %d keys, top %v %v, last %v\n", len(kvs), kvs[0], kvs[1], kvs[len(kvs)-1])

	// Allocation churn, to make the garbage collector run.
	var keep [][]byte
	total := 0
	for i := 0; i < 200_000; i++ {
		b := make([]byte, 64+i%512)
		b[0] = byte(i)
		total += len(b)
		if i%1000 == 0 {
			keep = append(keep, b)
		}
	}
	fmt.Printf("allocated %d bytes in 200000 slices, kept %d\n", total, len(keep))

	// Floating point loop.
	sum := 0.0
	for i := 1; i <= 1_000_000; i++ {
		sum += 1 / (float64(i) * float64(i))
	}
	fmt.Printf("sum 1/i^2 = %.12f, pi^2/6 = %.12f\n", sum, math.Pi*math.Pi/6)
	fmt.Println("stress: done")
	return 0
}

func fannkuch(n int) (int, int) {
	perm1 := make([]int, n)
	for i := range perm1 {
		perm1[i] = i
	}
	perm := make([]int, n)
	count := make([]int, n)
	maxFlips, checksum, permCount := 0, 0, 0
	r := n
	for {
		for ; r != 1; r-- {
			count[r-1] = r
		}
		copy(perm, perm1)
		flips := 0
		for k := perm[0]; k != 0; k = perm[0] {
			for i, j := 0, k; i < j; i, j = i+1, j-1 {
				perm[i], perm[j] = perm[j], perm[i]
			}
			flips++
		}
		if flips > maxFlips {
			maxFlips = flips
		}
		if permCount%2 == 0 {
			checksum += flips
		} else {
			checksum -= flips
		}
		for {
			if r == n {
				return checksum, maxFlips
			}
			p0 := perm1[0]
			for i := 0; i < r; i++ {
				perm1[i] = perm1[i+1]
			}
			perm1[r] = p0
			count[r]--
			if count[r] > 0 {
				break
			}
			r++
		}
		permCount++
	}
}

type body struct{ x, y, z, vx, vy, vz, mass float64 }

const (
	solarMass   = 4 * math.Pi * math.Pi
	daysPerYear = 365.24
)

func newSystem() []body {
	bs := []body{
		{0, 0, 0, 0, 0, 0, solarMass},
		{4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03 * daysPerYear, 7.69901118419740425e-03 * daysPerYear, -6.90460016972063023e-05 * daysPerYear, 9.54791938424326609e-04 * solarMass},
		{8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03 * daysPerYear, 4.99852801234917238e-03 * daysPerYear, 2.30417297573763929e-05 * daysPerYear, 2.85885980666130812e-04 * solarMass},
		{1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03 * daysPerYear, 2.37847173959480950e-03 * daysPerYear, -2.96589568540237556e-05 * daysPerYear, 4.36624404335156298e-05 * solarMass},
		{1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03 * daysPerYear, 1.62824170038242295e-03 * daysPerYear, -9.51592254519715870e-05 * daysPerYear, 5.15138902046611451e-05 * solarMass},
	}
	var px, py, pz float64
	for _, b := range bs {
		px += b.vx * b.mass
		py += b.vy * b.mass
		pz += b.vz * b.mass
	}
	bs[0].vx = -px / solarMass
	bs[0].vy = -py / solarMass
	bs[0].vz = -pz / solarMass
	return bs
}

func advance(bs []body, dt float64) {
	for i := range bs {
		for j := i + 1; j < len(bs); j++ {
			dx := bs[i].x - bs[j].x
			dy := bs[i].y - bs[j].y
			dz := bs[i].z - bs[j].z
			d2 := dx*dx + dy*dy + dz*dz
			mag := dt / (d2 * math.Sqrt(d2))
			bs[i].vx -= dx * bs[j].mass * mag
			bs[i].vy -= dy * bs[j].mass * mag
			bs[i].vz -= dz * bs[j].mass * mag
			bs[j].vx += dx * bs[i].mass * mag
			bs[j].vy += dy * bs[i].mass * mag
			bs[j].vz += dz * bs[i].mass * mag
		}
	}
	for i := range bs {
		bs[i].x += dt * bs[i].vx
		bs[i].y += dt * bs[i].vy
		bs[i].z += dt * bs[i].vz
	}
}

func energy(bs []body) float64 {
	e := 0.0
	for i, b := range bs {
		e += 0.5 * b.mass * (b.vx*b.vx + b.vy*b.vy + b.vz*b.vz)
		for j := i + 1; j < len(bs); j++ {
			dx := b.x - bs[j].x
			dy := b.y - bs[j].y
			dz := b.z - bs[j].z
			e -= b.mass * bs[j].mass / math.Sqrt(dx*dx+dy*dy+dz*dz)
		}
	}
	return e
}
