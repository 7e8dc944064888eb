package desk

import "testing"

func TestRouteOf(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want Route
	}{
		{"timeline of sam altman's firing from openai", Route{Tool: TimelineTool, Topic: "sam altman's firing from openai"}},
		{"Give me a timeline of the UAW strike?", Route{Tool: TimelineTool, Topic: "UAW strike"}},
		{"what's happened with the UAW strike so far", Route{Tool: TimelineTool, Topic: "UAW strike"}},
		{"What has happened to Binance so far?", Route{Tool: TimelineTool, Topic: "Binance"}},
		{"Everton points deduction: the story so far", Route{Tool: TimelineTool, Topic: "Everton points deduction"}},
		{"catch me up on the OpenAI board", Route{Tool: TimelineTool, Topic: "OpenAI board"}},
		{"what did greg brockman say", Route{Tool: QuotesTool, Name: "greg brockman"}},
		{"What did Sam Altman say about the board?", Route{Tool: QuotesTool, Name: "Sam Altman", Topic: "the board"}},
		{"what has Jensen Huang said about China", Route{Tool: QuotesTool, Name: "Jensen Huang", Topic: "China"}},
		{"quotes from Sean Dyche", Route{Tool: QuotesTool, Name: "Sean Dyche"}},
		{"What did Greg Brockman have to say about the board?", Route{Tool: QuotesTool, Name: "Greg Brockman", Topic: "the board"}},
		{"what's Elon Musk been saying about advertisers", Route{Tool: QuotesTool, Name: "Elon Musk", Topic: "advertisers"}},
		{"what did Sean Dyche tell reporters about the appeal", Route{Tool: QuotesTool, Name: "Sean Dyche", Topic: "the appeal"}},
		// reporters' own forms, in lower case as typed in Slack
		{"what did britney spears say", Route{Tool: QuotesTool, Name: "britney spears"}},
		{"what has ylva johansson said about the proposal", Route{Tool: QuotesTool, Name: "ylva johansson", Topic: "the proposal"}},
		{"What did Mody Maor tell reporters?", Route{Tool: QuotesTool, Name: "Mody Maor"}},
		{"what did mody maor tell the press about the loss", Route{Tool: QuotesTool, Name: "mody maor", Topic: "the loss"}},
		{"What did Christopher Brown write about Hipgnosis?", Route{Tool: QuotesTool, Name: "Christopher Brown", Topic: "Hipgnosis"}},
		{"Adam Grant's comments on parenting", Route{Tool: QuotesTool, Name: "Adam Grant", Topic: "parenting"}},
		{"what were thomas hand's remarks about the billboards?", Route{Tool: QuotesTool, Name: "thomas hand", Topic: "the billboards"}},
		{"did Arthur Engoron say anything about Trump", Route{Tool: QuotesTool, Name: "Arthur Engoron", Topic: "Trump"}},
		{"kole calhoun quotes", Route{Tool: QuotesTool, Name: "kole calhoun"}},
		{"Sam Khater quotes on mortgage rates?", Route{Tool: QuotesTool, Name: "Sam Khater", Topic: "mortgage rates"}},
		{"Sean Dyche quotations", Route{Tool: QuotesTool, Name: "Sean Dyche"}},
		// one word before "quotes", or a phrase of stop words: not a name
		{"Dyche quotes", Route{}},
		{"the best quotes", Route{}},
		{"five words is too many quotes", Route{}},
		// not the desk's: an answer's
		{"the board's comments on the firing", Route{}},
		{"did the company say anything about layoffs", Route{}},
		{"what did the board say", Route{}},
		{"what did he add?", Route{}},
		{"what happened to the Titan submersible", Route{}},
		{"who was named interim CEO of OpenAI?", Route{}},
		{"timeline of the", Route{}},
	} {
		if got := RouteOf(tc.q); got != tc.want {
			t.Errorf("RouteOf(%q) = %+v, want %+v", tc.q, got, tc.want)
		}
	}
}
