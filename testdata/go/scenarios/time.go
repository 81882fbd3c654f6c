package main

import (
	"fmt"
	"time"
	_ "time/tzdata" // so that LoadLocation works without zoneinfo files on wasip1
)

func cmdTime() int {
	now := time.Now()
	fmt.Printf("now after 2020-01-01: %v\n", now.After(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)))
	fmt.Printf("now before 2200-01-01: %v\n", now.Before(time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)))
	fmt.Printf("unix seconds > 1577836800: %v\n", now.Unix() > 1577836800)
	fmt.Printf("UnixNano/1e9 == Unix: %v\n", now.UnixNano()/1e9 == now.Unix())

	start := time.Now()
	time.Sleep(10 * time.Millisecond)
	el := time.Since(start)
	fmt.Printf("since across sleep(10ms) >= 10ms: %v\n", el >= 10*time.Millisecond)
	fmt.Printf("since across sleep(10ms) < 10s: %v\n", el < 10*time.Second)

	monotonic := true
	prev := time.Now()
	for i := 0; i < 10000; i++ {
		t := time.Now()
		if t.Before(prev) || t.Sub(prev) < 0 {
			monotonic = false
		}
		prev = t
	}
	fmt.Printf("10000 successive Now() never go back: %v\n", monotonic)
	fmt.Printf("time.Until(past) < 0: %v\n", time.Until(start) < 0)

	loc := now.Location()
	fmt.Printf("now location non-nil: %v\n", loc != nil)
	fmt.Printf("now.UTC() location: %s\n", now.UTC().Location())
	fmt.Printf("now.UTC() round trip equal: %v\n", now.UTC().Equal(now))

	fixed := time.Date(2024, time.February, 29, 13, 4, 5, 123456789, time.UTC)
	fmt.Println("fixed RFC3339:     ", fixed.Format(time.RFC3339))
	fmt.Println("fixed RFC3339Nano: ", fixed.Format(time.RFC3339Nano))
	fmt.Println("fixed RFC1123:     ", fixed.Format(time.RFC1123))
	fmt.Println("fixed Kitchen:     ", fixed.Format(time.Kitchen))
	fmt.Println("fixed custom:      ", fixed.Format("Mon Jan _2 2006 15:04:05.000 MST"))
	fmt.Println("fixed String:      ", fixed.String())
	y, w := fixed.ISOWeek()
	fmt.Printf("weekday=%s yearday=%d isoweek=%d-W%02d unix=%d unixmilli=%d\n",
		fixed.Weekday(), fixed.YearDay(), y, w, fixed.Unix(), fixed.UnixMilli())
	fmt.Println("plus 36h:          ", fixed.Add(36*time.Hour).Format(time.RFC3339))
	fmt.Println("AddDate(1,0,0):    ", fixed.AddDate(1, 0, 0).Format(time.DateOnly))
	fmt.Println("Truncate(hour):    ", fixed.Truncate(time.Hour).Format(time.RFC3339Nano))
	fmt.Println("Round(second):     ", fixed.Round(time.Second).Format(time.RFC3339Nano))
	fmt.Println("sub 2000-01-01:    ", fixed.Sub(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)))

	zone := time.FixedZone("X+0530", 5*3600+1800)
	fmt.Println("in fixed zone:     ", fixed.In(zone).Format(time.RFC3339Nano))
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println("LoadLocation America/New_York: FAILED")
	} else {
		fmt.Println("in New York (Feb): ", fixed.In(ny).Format("2006-01-02 15:04:05 MST -0700"))
		fmt.Println("in New York (Jul): ", fixed.AddDate(0, 5, 0).In(ny).Format("2006-01-02 15:04:05 MST -0700"))
	}

	parsed, err := time.Parse(time.RFC3339, "2023-10-05T08:30:00+02:00")
	if err != nil {
		fmt.Println("parse: FAILED")
	} else {
		fmt.Println("parsed to UTC:     ", parsed.UTC().Format(time.RFC3339))
	}
	_, err = time.Parse(time.RFC3339, "not a time")
	fmt.Printf("parse garbage fails: %v\n", err != nil)
	d, _ := time.ParseDuration("1h15m30.5s")
	fmt.Printf("durations: %s %s %s %v\n", d, 90*time.Minute+1500*time.Millisecond, 1500*time.Microsecond, d.Seconds())
	fmt.Println("unix 1700000000:   ", time.Unix(1700000000, 0).UTC().Format(time.RFC3339))
	return 0
}
