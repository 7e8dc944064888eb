package corpus

import (
	"strings"
	"testing"
)

// TestHTMLAdsAndCanonical reads a news page (testdata/files/pools.html): an
// in-article ad and a newsletter sign-up, marked by their class, are not
// paragraphs; the canonical URL is the document's link.
func TestHTMLAdsAndCanonical(t *testing.T) {
	d, err := LoadFile(t.Context(), "testdata/files/pools.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, junk := range []string{"Advertisement", "Sign up", "newsletter"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("%q in the text:\n%s", junk, d.Text)
		}
	}
	if d.URL != "https://ledger.example/news/2026/06/12/pools-close-early" {
		t.Errorf("URL %q, want the canonical one", d.URL)
	}
	if !strings.Contains(d.Text, "Council member Ana Ruiz, who voted against the cut") || !strings.Contains(d.Text, "The indoor pool at the community centre") {
		t.Errorf("article text lost:\n%s", d.Text)
	}
	if d.Title != "Two outdoor pools to close early this summer" || d.Source != "The Millbrook Ledger" {
		t.Errorf("title %q, source %q", d.Title, d.Source)
	}
	// og:url when there is no canonical link; a relative one is no link.
	for page, want := range map[string]string{
		`<html><head><meta property="og:url" content="https://ledger.example/a"></head><body><article><p>` + strings.Repeat("The council met on Tuesday to discuss the pools. ", 5) + `</p></article></body></html>`: "https://ledger.example/a",
		`<html><head><link rel="canonical" href="/a"></head><body><article><p>` + strings.Repeat("The council met on Tuesday to discuss the pools. ", 5) + `</p></article></body></html>`:                            "",
	} {
		d, err := parseHTML([]byte(page))
		if err != nil || d.URL != want {
			t.Errorf("URL %q (err %v), want %q", d.URL, err, want)
		}
	}
	// A wrapper of the whole article whose class happens to name ads stays.
	d, err = parseHTML([]byte(`<html><body><div class="content has-ads"><article><p>` + strings.Repeat("The council met on Tuesday to discuss the pools at length. ", 12) + `</p></article></div></body></html>`))
	if err != nil || !strings.Contains(d.Text, "The council met on Tuesday") {
		t.Errorf("the article under a has-ads wrapper was dropped: %v", err)
	}
}
