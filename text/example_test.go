package text_test

import (
	"fmt"

	"github.com/newsroom/askbot/text"
)

func ExampleKindOf() {
	for _, q := range []string{"whos the new ceo of binance", "when's the appeal", "uber q3 revenue"} {
		k := text.KindOf(q)
		fmt.Printf("%s: %s\n", k, k.Absent())
	}
	// Output:
	// who: no passage names who this is
	// when: no passage gives a date or time for this
	// how much (money): no passage gives an amount of money for this
}

func ExampleKind_Holds() {
	k := text.KindOf("When will high school classes start under the new plan?")
	fmt.Println(k.Holds("Classes will start at 8:45 a.m."))
	// Output: true
}

func ExampleTerm() {
	fmt.Println(text.Term("spent"), text.Term("spending"), text.Term("won"), text.Term("wins"))
	// Output: spend spend win win
}
