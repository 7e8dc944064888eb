package desk

import (
	"regexp"
	"strings"
)

// furnitureRE matches a page's furniture that reads like a sentence: tip
// boxes ("Do you work at OpenAI and know more…?", "Get in touch with"),
// newsletter and subscription appeals, product boxes ("$549 at Steam"),
// navigation, credits and captions ("Combination showing …", "… in this
// courtroom sketch", a photo agency's credit opening a caption: "USA Today
// via Reuters Nov 5, 2023; …"), update notes and publishers' lines ("Published by
// Globes"). The desk never shows or cites such a line.
var furnitureRE = regexp.MustCompile(`(?i)^do you (?:work|know)\b|\bknow more about\b|\bget in touch\b|\b(?:reach|contact) (?:us|me|the author|our)\b|\bsecure ?drop\b|\btip ?line\b|\b(?:have|got|send us) a (?:news )?tip\b|\bnewsletters?\b|\bsign up\b|\bsubscribe\b|\bclick here\b|\bread more\b|^(?:more|related|see also|watch|listen|photos?|image|credit|caption)\s*:|\bgetty images\b|\ball rights reserved\b|\(@\w{1,30}\)|pic\.twitter\.com/|\$\d[\d,.]*\s+at\s+[A-Z]|\b(?:best buy|amazon|walmart|steam)\s*\)?\s*$|^published by\b|^(?:the|this) (?:article|story|post) (?:has been|was) updated\b|^updated:?\s|^(?:a )?(?:combination|file) (?:photo|picture|image)|^combination showing\b|\bcourtroom sketch\b|\bphotograph: |^(?:usa today(?: sports)?\s+)?via\s+(?:reuters|imago|usa today|getty|ap|afp)\b`)

// productBoxRE matches a shopping box's line: a name said twice running
// ("Valve Valve Steam Deck OLED") as a page's product widget prints it.
var productBoxRE = regexp.MustCompile(`^(\p{Lu}\p{L}+) (\p{Lu}\p{L}+)\b`)

// socialRE matches an embedded social-media post: its "— Name (@handle)
// date" signature or its picture link.
var socialRE = regexp.MustCompile(`\(@\w{1,30}\)|pic\.twitter\.com/|\bt\.co/\w`)

// furniture reports whether a sentence is page furniture, never an event,
// a quotation's context or a claim's support.
func furniture(s string) bool {
	s = strings.TrimSpace(s)
	if furnitureRE.MatchString(s) {
		return true
	}
	if m := productBoxRE.FindStringSubmatch(s); m != nil && m[1] == m[2] {
		return true
	}
	return false
}

// shopRE matches a shopping box's price and shop, closing its paragraph
// ("… a welcome improvement on an already good device. $549 at Steam",
// "$45 at Amazon$48 at Govee"), or its price ladder ("$ 16 $ 23 30 % off").
var shopRE = regexp.MustCompile(`\$\s?\d[\d,.]*\s+at\s+\p{Lu}[\p{L}\p{N}&.'’ -]{0,30}(?:\s\([^)]{0,40}\))?\s*$|\$\s?\d[\d,.]*\s+\$\s?\d[\d,.]*\s+\d+\s?%\s+off\b`)

// furnitureParagraph reports whether a whole paragraph is page furniture:
// a product box, whose blurb reads like sentences ("The Steam Deck OLED
// is a welcome improvement…") but is a shop's, ending in its price and
// shop. None of its sentences is an event or a claim's support.
func furnitureParagraph(para string) bool {
	return shopRE.MatchString(strings.TrimSpace(para))
}

// endsSentence reports whether s ends as a sentence does (a full stop,
// question or exclamation mark, perhaps inside closing quotes): headings
// and labels do not.
func endsSentence(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), `"'”’)]`)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}
