package corpus

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// adWords mark, as a class or id or a hyphenated part of one, an element
// that is not the article: an advertisement, a promotion, a newsletter
// sign-up ("ad-slot", "newsletter-promo", "adsbygoogle").
var adWords = map[string]bool{
	"ad": true, "ads": true, "advert": true, "adverts": true, "advertisement": true, "advertising": true,
	"adslot": true, "adunit": true, "adsbygoogle": true, "dfp": true, "promo": true, "promos": true,
	"promotion": true, "promoted": true, "sponsor": true, "sponsored": true, "newsletter": true,
	"newsletters": true, "signup": true, "outbrain": true, "taboola": true,
}

// maxAdText is the most text an element marked as an ad may hold and still
// be dropped: a wrapper of the whole page that happens to carry such a
// class ("has-ads") stays.
const maxAdText = 600

// cleanHTML prepares a parsed page for readability: it removes elements
// whose class or id marks them as ads, promotions or newsletter sign-ups,
// and returns the page's canonical URL (link rel="canonical", else
// og:url), absolute http(s) only.
func cleanHTML(doc *html.Node) (canonical string) {
	var ogURL string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				switch c.Data {
				case "link":
					if hasToken(attrOf(c, "rel"), "canonical") && canonical == "" {
						canonical = absoluteURL(attrOf(c, "href"))
					}
				case "meta":
					if strings.EqualFold(attrOf(c, "property"), "og:url") && ogURL == "" {
						ogURL = absoluteURL(attrOf(c, "content"))
					}
				}
				if markedAsAd(c) {
					n.RemoveChild(c)
					c = next
					continue
				}
				walk(c)
			}
			c = next
		}
	}
	walk(doc)
	return first(canonical, ogURL)
}

func markedAsAd(n *html.Node) bool {
	switch n.Data {
	case "html", "head", "body", "main", "article":
		return false
	}
	marked := false
	for _, tok := range strings.Fields(strings.ToLower(attrOf(n, "class") + " " + attrOf(n, "id"))) {
		for _, part := range strings.FieldsFunc(tok, func(r rune) bool { return r == '-' || r == '_' }) {
			marked = marked || adWords[part]
		}
	}
	return marked && textLen(n, 0) <= maxAdText
}

// textLen counts the text bytes under n, stopping past maxAdText.
func textLen(n *html.Node, sum int) int {
	for c := n.FirstChild; c != nil && sum <= maxAdText; c = c.NextSibling {
		if c.Type == html.TextNode {
			sum += len(strings.TrimSpace(c.Data))
		} else {
			sum = textLen(c, sum)
		}
	}
	return sum
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, t := range strings.Fields(strings.ToLower(list)) {
		if t == tok {
			return true
		}
	}
	return false
}

func absoluteURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}
