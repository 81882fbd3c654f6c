package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"
)

type Address struct {
	Street string `json:"street"`
	City   string `json:"city"`
	Zip    string `json:"zip,omitempty"`
}

type Person struct {
	Name     string            `json:"name"`
	Age      int               `json:"age"`
	Email    *string           `json:"email,omitempty"`
	Tags     []string          `json:"tags"`
	Scores   map[string]int    `json:"scores"`
	Address  Address           `json:"address"`
	Friends  []Person          `json:"friends,omitempty"`
	Meta     map[string]any    `json:"meta,omitempty"`
	Balance  float64           `json:"balance"`
	Active   bool              `json:"active"`
	Raw      json.RawMessage   `json:"raw,omitempty"`
	Extra    map[string]string `json:"-"`
	internal int
}

type Celsius float64

func (c Celsius) MarshalJSON() ([]byte, error) {
	return []byte(strconv.Quote(strconv.FormatFloat(float64(c), 'f', 1, 64) + "°C")), nil
}

type point struct {
	X, Y int
	Name string
}

func (p point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

// cmdJSON is a larger program mixing many standard library packages.
// (text/template is left out on purpose: its use of reflect keeps every
// exported method in the binary and adds about 1.7 MB.)
func cmdJSON() int {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	out := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }

	// --- encoding/json round trip ---
	email := "ada@example.org"
	ada := Person{
		Name: "Ada Lovelace", Age: 36, Email: &email,
		Tags:    []string{"math", "engines", "poetry"},
		Scores:  map[string]int{"zeta": 1, "alpha": 99, "mid": 50},
		Address: Address{Street: "12 St James's Sq", City: "London"},
		Friends: []Person{{Name: "Charles", Age: 79, Tags: []string{}, Scores: nil, Address: Address{City: "London", Zip: "W1"}}},
		Meta:    map[string]any{"born": 1815, "langs": []any{"en", "fr"}, "nested": map[string]any{"ok": true, "pi": 3.14159}},
		Balance: -1234.5678, Active: true,
		Raw:      json.RawMessage(`{"pre":"computed"}`),
		Extra:    map[string]string{"never": "serialized"},
		internal: 7,
	}
	data, err := json.Marshal(ada)
	if err != nil {
		out("marshal FAILED: %v\n", err)
		return 1
	}
	out("marshal: %s\n", data)
	var back Person
	if err := json.Unmarshal(data, &back); err != nil {
		out("unmarshal FAILED: %v\n", err)
		return 1
	}
	again, _ := json.Marshal(back)
	out("round trip identical: %v\n", bytes.Equal(data, again))
	out("back: name=%q email=%q friends=%d meta.born=%v (%T) nested.pi=%v\n",
		back.Name, *back.Email, len(back.Friends), back.Meta["born"], back.Meta["born"], back.Meta["nested"].(map[string]any)["pi"])
	indented, _ := json.MarshalIndent(map[string]any{"b": []int{1, 2}, "a": Celsius(21.55), "c": nil, "html": "<a&b>"}, "", "  ")
	out("indented:\n%s\n", indented)

	var generic any
	dec := json.NewDecoder(strings.NewReader(`{"n": 12345678901234567890, "f": 1e-7, "s": "\u00e9\ud83d\ude00", "arr": [1, "two", null, false]}`))
	dec.UseNumber()
	if err := dec.Decode(&generic); err != nil {
		out("decode FAILED: %v\n", err)
		return 1
	}
	gm := generic.(map[string]any)
	out("generic keys: %v\n", sortedKeys(gm))
	out("n=%v (%T) f=%v s=%q arr=%v\n", gm["n"], gm["n"], gm["f"], gm["s"], gm["arr"])
	var syntaxErr *json.SyntaxError
	err = json.Unmarshal([]byte(`{"a": 1,}`), &generic)
	out("bad json: SyntaxError=%v offset=%d\n", errors.As(err, &syntaxErr), syntaxErr.Offset)
	var typeErr *json.UnmarshalTypeError
	err = json.Unmarshal([]byte(`{"age": "old"}`), &back)
	out("type mismatch: UnmarshalTypeError=%v field=%s\n", errors.As(err, &typeErr), typeErr.Field)

	// Streaming decode of several values.
	stream := json.NewDecoder(strings.NewReader(`{"k":1} {"k":2} {"k":3}`))
	sum := 0
	for stream.More() {
		var v struct{ K int }
		if err := stream.Decode(&v); err != nil {
			break
		}
		sum += v.K
	}
	out("stream sum=%d\n", sum)

	// --- regexp ---
	re := regexp.MustCompile(`(\w+)@(\w+)\.(com|org|net)`)
	text := "contact: bob@example.com, alice@wonder.org; bad@nowhere, carol@site.net"
	out("FindAllString: %q\n", re.FindAllString(text, -1))
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		out("  user=%s host=%s tld=%s\n", m[1], m[2], m[3])
	}
	out("ReplaceAllString: %s\n", re.ReplaceAllString(text, "<$1 at $2>"))
	out("FindStringIndex: %v\n", re.FindStringIndex(text))
	dates := regexp.MustCompile(`(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})`)
	m := dates.FindStringSubmatch("released 2023-08-08, patched 2024-02-06")
	out("named groups: %v -> year=%s month=%s day=%s\n", dates.SubexpNames()[1:], m[dates.SubexpIndex("year")], m[dates.SubexpIndex("month")], m[dates.SubexpIndex("day")])
	out("ReplaceAllStringFunc: %s\n", regexp.MustCompile(`\d+`).ReplaceAllStringFunc("a1 b22 c333", func(s string) string {
		n, _ := strconv.Atoi(s)
		return strconv.Itoa(n * 2)
	}))
	out("unicode class: %q\n", regexp.MustCompile(`\p{Greek}+`).FindAllString("alpha α beta βγ gamma", -1))
	out("split: %q\n", regexp.MustCompile(`\s*[,;]\s*`).Split("a , b;c ;  d", -1))

	// --- sorting ---
	people := []struct {
		Name string
		Age  int
	}{{"Carol", 35}, {"alice", 30}, {"Bob", 30}, {"dave", 25}, {"Eve", 35}}
	sort.Slice(people, func(i, j int) bool {
		if people[i].Age != people[j].Age {
			return people[i].Age < people[j].Age
		}
		return strings.ToLower(people[i].Name) < strings.ToLower(people[j].Name)
	})
	out("sort.Slice: %v\n", people)
	names := []string{"delta", "Alpha", "charlie", "bravo", "Échelle", "alpha"}
	sort.Strings(names)
	out("sort.Strings: %q\n", names)
	ints := []int{5, -3, 9, 0, 12, -7, 3}
	sort.Sort(sort.Reverse(sort.IntSlice(ints)))
	out("reverse ints: %v, search 0 in ascending: %d\n", ints, sort.SearchInts([]int{-7, -3, 0, 3, 5}, 0))
	stable := []string{"bb", "a", "ccc", "dd", "e", "fff"}
	sort.SliceStable(stable, func(i, j int) bool { return len(stable[i]) < len(stable[j]) })
	out("stable by len: %v\n", stable)

	// --- maps printed in sorted order ---
	wordCount := map[string]int{}
	for _, word := range strings.Fields("the quick brown fox jumps over the lazy dog the fox") {
		wordCount[word]++
	}
	keys := make([]string, 0, len(wordCount))
	for k := range wordCount {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out("word counts:")
	for _, k := range keys {
		out(" %s=%d", k, wordCount[k])
	}
	out("\n")
	out("fmt prints maps sorted: %v\n", map[int]string{3: "c", 1: "a", 2: "b"})

	// --- strings.Builder, strings, unicode ---
	var sb strings.Builder
	for i := 0; i < 5; i++ {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(strconv.Itoa(i * i))
		sb.WriteByte('!')
	}
	sb.WriteRune('✓')
	out("builder: %s (len=%d)\n", sb.String(), sb.Len())
	s := "Héllo, Wörld! 👋 Go"
	out("len=%d runes=%d upper=%s lower=%s title-ish=%s\n", len(s), utf8.RuneCountInString(s), strings.ToUpper(s), strings.ToLower(s), strings.Title("go is fun"))
	out("fields=%q split=%q\n", strings.Fields("  a b\t c\n"), strings.SplitN("a:b:c:d", ":", 3))
	out("repeat=%s replace=%s trim=%q index=%d\n", strings.Repeat("ab", 3), strings.ReplaceAll("oink oink", "k", "ky"), strings.TrimFunc("¡¡Hola!!", unicode.IsPunct), strings.Index(s, "W"))
	out("map: %s\n", strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return unicode.ToLower(r)
		}
		return unicode.ToUpper(r)
	}, s))

	// --- strconv ---
	out("Itoa=%s FormatInt(-255,16)=%s FormatInt(255,2)=%s Quote=%s QuoteToASCII=%s\n",
		strconv.Itoa(-42), strconv.FormatInt(-255, 16), strconv.FormatInt(255, 2), strconv.Quote("tab\there \"q\" é"), strconv.QuoteToASCII("é👋"))
	f, _ := strconv.ParseFloat("3.14159265358979", 64)
	i64, _ := strconv.ParseInt("-9223372036854775808", 10, 64)
	u64, _ := strconv.ParseUint("ffffffffffffffff", 16, 64)
	bl, _ := strconv.ParseBool("TRUE")
	_, err = strconv.Atoi("12a")
	var numErr *strconv.NumError
	out("ParseFloat=%v ParseInt=%d ParseUint=%d ParseBool=%v Atoi error=%v (%v)\n", f, i64, u64, bl, errors.As(err, &numErr), errors.Is(err, strconv.ErrSyntax))
	_, err = strconv.ParseInt("99999999999999999999", 10, 64)
	out("overflow: ErrRange=%v\n", errors.Is(err, strconv.ErrRange))
	out("FormatFloat: %s %s %s %s\n", strconv.FormatFloat(1.0/3, 'g', -1, 64), strconv.FormatFloat(1e21, 'f', -1, 64), strconv.FormatFloat(123456.789, 'e', 3, 64), strconv.FormatFloat(0.1, 'f', 20, 32))

	// --- fmt verbs ---
	pt := point{3, -4, "p"}
	out("%%v=%v %%+v=%+v %%#v=%#v %%T=%T\n", pt, pt, struct{ A, B int }{1, 2}, pt)
	out("%%x=%x %%X=%X %%o=%o %%O=%O %%b=%b %%c=%c %%U=%U %%q=%q\n", 255, "hi", 8, 8, 5, 'G', 'é', 'x')
	out("%%8.3f=[%8.3f] %%-8.2f=[%-8.2f] %%08.3f=[%08.3f] %%e=%e %%g=%g %%G=%G\n", math.Pi, math.E, -math.Pi, 123456.789, 1e-9, 1e21)
	out("%%5d=[%5d] %%-5d=[%-5d] %%05d=[%05d] %%+d=%+d %%x=% x %%s=%s %%10s=[%10s] %%-10s=[%-10s] %%.2s=%.2s\n", 42, 42, 42, 42, []byte{1, 171, 255}, []string{"a", "b"}, "right", "left", "truncate")
	out("%%v of nil: %v %v %v, %%t=%t, %%p-free pointer check: %v\n", nil, []int(nil), map[string]int(nil), true, &pt != nil)
	out("%%v of float: %v %v %v %v %v\n", 0.1+0.2, float32(0.1), 1e100, math.Inf(-1), math.NaN())
	out("%%v of complex: %v, %%.2f: %.2f\n", complex(1, -2), complex(1.234, 5.678))
	out("Sprint/Sprintln: %q %q\n", fmt.Sprint("a", 1, 2, "b"), fmt.Sprintln("a", 1, 2, "b"))
	out("error wrapping: %v / unwrap is target: %v\n", fmt.Errorf("outer: %w", os.ErrNotExist), errors.Is(fmt.Errorf("outer: %w", os.ErrNotExist), os.ErrNotExist))

	// --- math ---
	out("math: sqrt2=%.12f cbrt27=%.12f pow=%.12f exp1=%.12f log10=%.12f log2=%.12f\n",
		math.Sqrt(2), math.Cbrt(27), math.Pow(1.5, 2.5), math.Exp(1), math.Log10(12345), math.Log2(1000))
	out("trig: sin=%.12f cos=%.12f tan=%.12f atan2=%.12f hypot=%.12f asin=%.12f\n",
		math.Sin(1), math.Cos(1), math.Tan(0.5), math.Atan2(1, -1), math.Hypot(3, 4), math.Asin(0.5))
	out("rounding: floor=%v ceil=%v trunc=%v round=%v roundeven=%v mod=%v remainder=%v\n",
		math.Floor(-2.5), math.Ceil(-2.5), math.Trunc(-2.7), math.Round(-2.5), math.RoundToEven(2.5), math.Mod(7, -3), math.Remainder(7, 3))
	out("special: inf=%v nan-is-nan=%v maxint64=%d minint64=%d maxfloat=%g smallest=%g maxuint32=%d\n",
		math.Inf(1), math.IsNaN(math.NaN()), math.MaxInt64, math.MinInt64, math.MaxFloat64, math.SmallestNonzeroFloat64, uint32(math.MaxUint32))
	out("bits: %016x %08x frexp=%v\n", math.Float64bits(-0.1), math.Float32bits(1.5), fmtFrexp(1024.5))
	var x8 int8 = 127
	x8++
	var u8 uint8 = 0
	u8--
	out("overflow wraps: int8=%d uint8=%d int32 div=%d mod=%d shift=%d\n", x8, u8, int32(-7)/2, int32(-7)%2, uint64(1)<<63>>60)
	fl := 1e10
	out("conversion: int64(1e10)=%d int32(int64)=%d float32(1/3)=%v\n", int64(fl), int32(int64(fl)), float32(1.0/3))

	// --- encoding ---
	out("hex=%s base64=%s base64url=%s\n", hex.EncodeToString([]byte("Go!")), base64.StdEncoding.EncodeToString([]byte("wasm2jar?")), base64.URLEncoding.EncodeToString([]byte{0xfb, 0xff, 0xfe}))

	// --- bufio ---
	sc := bufio.NewScanner(strings.NewReader("one two  three\nfour\n\nfive"))
	sc.Split(bufio.ScanWords)
	var words []string
	for sc.Scan() {
		words = append(words, sc.Text())
	}
	out("bufio words: %q\n", words)
	br := bufio.NewReader(strings.NewReader("line A\nline B\nno newline"))
	for {
		line, err := br.ReadString('\n')
		out("  ReadString: %q err=%v\n", line, err)
		if err != nil {
			break
		}
	}

	// --- text/tabwriter ---
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "name\tqty\tprice\t")
	fmt.Fprintln(tw, "apple\t3\t1.25\t")
	fmt.Fprintln(tw, "watermelon\t12\t10.5\t")
	tw.Flush()

	out("json: done\n")
	return 0
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func fmtFrexp(f float64) string {
	frac, exp := math.Frexp(f)
	return fmt.Sprintf("%v*2^%d", frac, exp)
}
