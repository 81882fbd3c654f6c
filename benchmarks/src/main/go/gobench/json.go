package main

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strconv"
)

type address struct {
	Street string `json:"street"`
	City   string `json:"city"`
	Zip    string `json:"zip"`
}

type item struct {
	SKU      string            `json:"sku"`
	Quantity int               `json:"qty"`
	Price    float64           `json:"price"`
	Tags     []string          `json:"tags,omitempty"`
	Attrs    map[string]string `json:"attrs,omitempty"`
}

type order struct {
	ID       int64     `json:"id"`
	Customer string    `json:"customer"`
	Email    string    `json:"email"`
	Paid     bool      `json:"paid"`
	Ship     address   `json:"ship"`
	Items    []item    `json:"items"`
	Notes    *string   `json:"notes"`
	Scores   []float64 `json:"scores"`
}

func makeOrders(count int) []order {
	x := uint64(7)
	next := func() uint64 {
		x = x*6364136223846793005 + 1442695040888963407
		return x >> 33
	}
	orders := make([]order, count)
	for i := range orders {
		o := &orders[i]
		o.ID = int64(next())
		o.Customer = "customer " + strconv.Itoa(int(next()%10000)) + " \"quoted\" \u00e9t\u00e9"
		o.Email = "c" + strconv.Itoa(i) + "@example.com"
		o.Paid = next()%2 == 0
		o.Ship = address{"street " + strconv.Itoa(int(next()%999)), "city<" + strconv.Itoa(i%17) + ">", strconv.Itoa(10000 + int(next()%89999))}
		for k := 0; k < 1+int(next()%5); k++ {
			it := item{SKU: "SKU-" + strconv.FormatUint(next(), 36), Quantity: int(next() % 20), Price: float64(next()%100000) / 100}
			if k%2 == 0 {
				it.Tags = []string{"a", "bb", "tag-" + strconv.Itoa(k)}
				it.Attrs = map[string]string{"color": "red", "size": strconv.Itoa(k)}
			}
			o.Items = append(o.Items, it)
		}
		if i%3 == 0 {
			s := "leave at the door\n\ttab"
			o.Notes = &s
		}
		o.Scores = []float64{float64(next()%1000) / 7, -1.5e-7, 12345678.25}
	}
	return orders
}

// jsonBench marshals a document of 50 orders, unmarshals it again, and repeats n times,
// hashing every encoding.
func jsonBench(n int) string {
	doc := makeOrders(50)
	h := fnv.New64a()
	total := 0
	for r := 0; r < n; r++ {
		data, err := json.Marshal(doc)
		if err != nil {
			return "error " + err.Error()
		}
		h.Write(data)
		total += len(data)
		var back []order
		if err := json.Unmarshal(data, &back); err != nil {
			return "error " + err.Error()
		}
		back[r%len(back)].ID++ // the next round encodes something slightly different
		doc = back
	}
	return fmt.Sprintf("%d %016x", total, h.Sum64())
}
