package desk

import (
	"strings"
	"testing"

	"github.com/newsroom/askbot/corpus"
)

// docOf is a document of the paragraphs given.
func docOf(paras ...string) *corpus.Document {
	d := &corpus.Document{ID: "t", Text: strings.Join(paras, "\n\n")}
	off := 0
	for _, p := range paras {
		d.Paragraphs = append(d.Paragraphs, corpus.Span{Start: off, End: off + len(p)})
		off += len(p) + 2
	}
	return d
}

// TestAttribution holds a case for each attribution pattern, at its
// boundary: the speaker is the attribution clause's, never a name nearby
// or the previous speaker's, and a quotation without one is left out.
func TestAttribution(t *testing.T) {
	for _, tc := range []struct {
		name  string
		paras []string
		want  []string // "Speaker: first words"
	}{
		{"after, name said", []string{`“We will win the league this year,” Jane Okafor said.`}, []string{"Jane Okafor: We will win"}},
		{"after, said name with a title", []string{`“We will win the league this year,” said Toffees boss Sean Dyche.`}, []string{"Sean Dyche: We will win"}},
		{"after, a name ending the sentence", []string{`Sean Dyche spoke. “We will win the league this year,” said Dyche. “We always do.”`}, []string{"Sean Dyche: We will win", "Sean Dyche: We always do."}},
		{"after, title with abbreviations", []string{`“Using new technology to break the law makes you a criminal,” U.S. Attorney General Merrick Garland said in a statement.`}, []string{"Merrick Garland: Using new technology"}},
		{"after, title of an office", []string{`“Any institution must play by the rules,” Secretary of Treasury Janet Yellen said in the release.`}, []string{"Janet Yellen: Any institution must"}},
		{"after, apposition", []string{`“We are building robots that pick cassava,” Jane Okafor, Acme's chief executive, said.`}, []string{"Jane Okafor: We are building"}},
		// an apposition too long for the clause: the name before it, when
		// the words before its comma are a person's and it opens no
		// clause of its own
		{"after, a long apposition", []string{`“Florida and Texas cannot force websites to host hateful content,” Oregon Senator Ron Wyden, who co-authored Section 230, a law that protects social media companies’ content moderation decisions, told TechCrunch.`}, []string{"Ron Wyden: Florida and Texas"}},
		{"after, a long apposition after a space", []string{`"They just get better all the time," Dr. Monica Gandhi , director of the University of California, San Francisco Center for AIDS Research and medical director of the HIV Clinic, told Live Science.`}, []string{"Monica Gandhi: They just get"}},
		{"after, a role and a long apposition", []string{`"Higher exposure was associated with increased risks," first study author Dr. Torri Metz , an associate professor of obstetrics and gynecology at University of Utah Health, told Live Science in an email.`}, []string{"Torri Metz: Higher exposure was"}},
		{"after, a conjunction before the name and a long apposition", []string{`Jane Okafor spoke.`, `“We are building robots that pick cassava,” and Jane Okafor, who founded the Lagos company with her brother in 2019 and still runs it, said she agreed.`}, nil},
		{"after, a preposition before the name and a long apposition", []string{`Jane Okafor spoke.`, `“We are building robots that pick cassava,” a letter to Jane Okafor, who founded the Lagos company with her brother in 2019 and still runs it, said.`}, nil},
		// a quotation ending its sentence: the words after it may be a
		// sentence of their own, not its clause
		{"after, a long apposition after a full stop", []string{`Jane Okafor spoke.`, `“We are building robots that pick cassava.” Jane Okafor, who founded the Lagos company with her brother in 2019 and still runs it, told reporters about the robots.`}, nil},
		{"after, a long apposition of two people", []string{`Jane Okafor and Tom Reyes spoke.`, `“We are building robots that pick cassava,” Jane Okafor and Tom Reyes, the two founders of the Lagos farm robotics company Acme Robotics, told reporters.`}, nil},
		{"after, a long apposition opening a clause", []string{`Jane Okafor and Tom Reyes spoke.`, `“We are building robots that pick cassava,” Jane Okafor, and later on the same afternoon her co-founder at Acme Robotics Tom Reyes, told reporters.`}, nil},
		// a first name alone as the clause's subject: the one person
		// the document names of that first name, never one of two
		{"after, a first name of one person", []string{`Jordan Poyer met Rachel Bush in Florida.`, `“After the trip, he became like my dream husband,” Rachel says.`}, []string{"Rachel Bush: After the trip,"}},
		{"after, says and a first name with an apposition", []string{`Jordan Poyer met Rachel Bush in Florida.`, `“His attention now is on me and his family,” says Rachel, who has more than 4 million followers.`}, []string{"Rachel Bush: His attention now"}},
		// a quotation opened with a closing mark
		{"after, a quotation opened with a closing mark", []string{`”A devastating transfer of money is on the horizon,” IMPALA Executive Chair Helen Smith said this past March.`}, []string{"Helen Smith: A devastating transfer"}},
		// a first name that is a stop word ("Will"), in a document that
		// writes "will" too
		{"after, said and a first name that is a stop word", []string{`The union will act.`, `“We are seeing a clear drop in revenue,” said Will Maas, chairman of the union.`}, []string{"Will Maas: We are seeing"}},
		{"after, a first name of two people", []string{`Jordan Poyer met Rachel Bush and Rachel Adams in Florida.`, `“After the trip, he became like my dream husband,” Rachel says.`}, nil},
		{"after, a first name with more to the clause", []string{`Jordan Poyer met Rachel Bush in Florida.`, `“After the trip, he became like my dream husband,” a friend of Rachel says.`}, nil},
		{"sign-off", []string{`“Every stream of a deep fake takes royalties away.” Dennis Kooker, Sony Music`}, []string{"Dennis Kooker: Every stream of"}},
		{"sign-off needs a full name", []string{`“Every stream of a deep fake takes royalties away.” Sony`}, nil},
		{"before, told", []string{`Changpeng Zhao founded Binance.`, `According to court documents, Zhao told Binance employees it was “better to ask for forgiveness than permission” and pressed on.`}, []string{"Changpeng Zhao: better to ask"}},
		{"before, saying, past an abbreviation", []string{`As the Beeper team scrambled, U.S. Senator Elizabeth Warren (D-Mass.) shamed Apple in a post on X, formerly Twitter, saying “Green bubble texts are less secure,” she wrote.`}, []string{"Elizabeth Warren: Green bubble texts"}},
		// the inverted clauses take text's verbs written before the
		// speaker ("noted", "wrote", "continued"), never one whose object
		// is the one spoken to ("told", "asked")
		// a photo's credit run into the next sentence names no one:
		// "Getty Hanks" is Hanks (dropCredits)
		{"a photo's credit run into the next sentence", []string{`Tyla Hanks kicked a goal in the third.`, `Melbourne’s Alyssa Bannan is tackled. Credit: Getty Hanks said it was good to get the win. “We knew we were up against the best tonight,” said Hanks.`}, []string{"Tyla Hanks: We knew we"}},
		// a place's name is no person's (place)
		{"a place is no person the pronoun means", []string{`Anne Griffin can attest to that. She’s a product manager based in New York and signed up for Bluesky, Spill and Threads last year. Out of those three, Spill is the only one she is still consistently using. “It feels much more rooted in authentic connection,” she told us about the app.`}, []string{"Anne Griffin: It feels much"}},
		// a middle initial parts no name (middleInitialRE), and one
		// named by a single word saying something before a pronoun
		// leaves the pronoun uncertain (unknownSayer)
		{"a middle initial", []string{`Dr. Karl E. Jandrey teaches at Davis.`, `Dogs get sick, said Jandrey.`, `“If it goes into the lungs, there’s a risk of pneumonia,” he added.`}, []string{"Karl Jandrey: If it goes"}},
		{"a sayer by one word before the pronoun", []string{`The pathogen is new, said Dr. David Needle.`, `Another option is for owners to hire a house sitter, Needle said. “Or hire a dog walker,” he added.`, `Ultimately, your dog might be happier at home, Jandrey said.`, `“It’s best to leave them in their own environment,” he added.`}, []string{"David Needle: Or hire a"}},
		// an organisation named after a role in it is no person
		// (ofOrgRE), whatever its words
		{"an organisation after a role in it", []string{`“Robots are hard to build,” said Marc Raibert, the co-founder of Boston Dynamics.`, `Raibert said the path is not straight. Boston Dynamics, now a subsidiary of Hyundai, experimented with a humanoid.`, `“That led to development of a new robot,” he said.`}, []string{"Marc Raibert: Robots are hard", "Marc Raibert: That led to"}},
		// a speaker quoted before, named by their first name alone as a
		// sentence's subject before anyone else (withFirstNames)
		{"a speaker's first name as the subject", []string{`The Endeavour delivered James Cook to Dharawal country in 1770.`, `“Yeah, I won the prize,” Vincent Namatjira says.`, `Back in the 1990s the teenage Vincent didn’t fully appreciate just how art, Cook and those colonial legacies would shape his life.`, `“At that time, I didn’t know that I was related to this well-known artist,” he says.`}, []string{"Vincent Namatjira: Yeah, I won", "Vincent Namatjira: At that time,"}},
		{"a first name after another person", []string{`“My liver is failing,” Lucas Goeller told Fox News.`, `Dr. George Mazariegos said Lucas is experiencing some of the subtler changes.`, `“Those include not being able to grow normally,” he said.`}, []string{"Lucas Goeller: My liver is", "George Mazariegos: Those include not"}},
		{"after, noted name", []string{`“We will win the league this year,” noted Jane Okafor.`}, []string{"Jane Okafor: We will win"}},
		{"after, told name is the one spoken to", []string{`Tom Reyes spoke first.`, `“We will win the league this year,” told Jane Okafor.`}, nil},
		{"before, verb first, wrote", []string{`Dennis Kooker spoke on Wednesday.`, `Wrote Kooker: “Music is a tremendous driver for AI.”`}, []string{"Dennis Kooker: Music is a"}},
		{"pronoun, the sentence naming a speaker by wrote", []string{`Erik Podzuweit founded the broker.`, `For now, Scalable Capital is holding steady, wrote Podzuweit.`, `“It’s leaner, obviously,” he said.`}, []string{"Erik Podzuweit: It’s leaner, obviously"}},
		{"before, verb first", []string{`Dennis Kooker spoke on Wednesday.`, `Added Kooker: “Music is a tremendous driver for AI.”`}, []string{"Dennis Kooker: Music is a"}},
		{"before, according to", []string{`Jane Okafor runs Acme.`, `According to Okafor, “farmers lose a third of their harvest every year.”`}, []string{"Jane Okafor: farmers lose a"}},
		{"before, the verb too far", []string{`Okafor said the company, which was founded in Lagos in 2019 and now employs more than forty engineers in two offices, “grew fast in its first years.”`}, nil},
		{"pronoun, the person the sentence before is about", []string{`Mila Kunis married in 2015.`, `Kunis revealed in a 2020 interview on “The Late Show with Stephen Colbert” how she keeps it in check.`, `“I like to remind them that we have money,” she said.`}, []string{"Mila Kunis: I like to"}},
		{"pronoun, the sentence naming a speaker", []string{`Erik Podzuweit founded the broker.`, `For now, Scalable Capital is holding steady, said Podzuweit.`, `“It’s leaner, obviously,” he said.`}, []string{"Erik Podzuweit: It’s leaner, obviously"}},
		// organisations and unnamed people are no speakers: their
		// quotations are left out, and the ones after them are not given
		// to the person quoted before
		{"an organisation after the quotation", []string{`“We will appeal,” Jane Okafor said. “The ruling is wrong,” the company said. “We expect to win.”`}, []string{"Jane Okafor: We will appeal"}},
		{"an organisation's name after the quotation", []string{`Jane Okafor spoke first.`, `“We will appeal against the ruling,” Binance said.`}, nil},
		{"a spokesperson for an organisation", []string{`“We will appeal,” Jane Okafor said. “The ruling is wrong,” said a spokesperson for Binance. “We expect to win.”`}, []string{"Jane Okafor: We will appeal"}},
		{"an organisation of two capitalised words", []string{`“Every stream of a deep fake takes royalties away,” Sony Music said.`}, nil},
		{"a spokesperson named is a person", []string{`“The ruling is wrong,” said Binance spokesperson Jane Okafor.`}, []string{"Jane Okafor: The ruling is"}},
		{"a surname the document never gives in full", []string{`“The ruling is wrong,” Okafor said.`}, nil},
		{"a sentence after a quotation is no clause", []string{`Changpeng Zhao stepped down.`, `Zhao said, “it is the right thing to do” adding, “I made mistakes, and I must take responsibility.” Zhao will remain a shareholder and said he will stay.`}, []string{"Changpeng Zhao: it is the", "Changpeng Zhao: I made mistakes,"}},
		{"a short clause after a quotation ending its sentence", []string{`“We will appeal,” Jane Okafor said. “The ruling is wrong.” The company said so.`}, []string{"Jane Okafor: We will appeal"}},
		{"pronoun with no one before", []string{`“It’s leaner, obviously,” he said.`}, nil},
		{"two speakers in one paragraph", []string{`“We should have waited for a bigger round,” said Tom Reyes. “Investors are cautious this year,” Jane Okafor said.`}, []string{"Tom Reyes: We should have", "Jane Okafor: Investors are cautious"}},
		{"two speakers, the second before her quotation", []string{`“We should have waited for a bigger round,” said Tom Reyes. Jane Okafor disagreed and said: “Investors are cautious this year.”`}, []string{"Tom Reyes: We should have", "Jane Okafor: Investors are cautious"}},
		{"a second quotation of the same speaker", []string{`“We should have waited for a bigger round,” said Tom Reyes. “Investors are cautious this year.”`}, []string{"Tom Reyes: We should have", "Tom Reyes: Investors are cautious"}},
		{"a named quotation after another speaker's paragraph", []string{`“It is the right thing to do,” Changpeng Zhao said.`, `“Any institution must play by the rules,” Secretary of Treasury Janet Yellen said in the release.`}, []string{"Changpeng Zhao: It is the", "Janet Yellen: Any institution must"}},
		{"a new person between two paragraphs' pronouns", []string{`“We have family dinner as many nights as we can,” Sarah Michelle Gellar said.`, `Mila Kunis has two children with her husband.`, `“Our kids are super-fortunate,” she said.`}, []string{"Sarah Michelle Gellar: We have family", "Mila Kunis: Our kids are"}},
		{"running on into the next paragraph", []string{`“We are building robots,” said Jane Okafor. “They pick cassava`, `“and they never tire of it.”`}, []string{"Jane Okafor: We are building", "Jane Okafor: They pick cassava", "Jane Okafor: and they never"}},
		{"a closed paragraph does not run on", []string{`“We are building robots,” said Jane Okafor.`, `“Nobody knows what comes next for the company.”`}, []string{"Jane Okafor: We are building"}},
		{"pronoun past a sentence whose subject is the same pronoun", []string{`Taylor Swift has revealed when her relationship with Travis Kelce started. Travis Kelce, for his part, stayed quiet.`, `Speaking to the magazine, she said she met Kelce in July.`, `“This all started on his podcast,” she explained.`}, []string{"Taylor Swift: This all started"}},
		// "her" there is "the singer"'s, whom the sentence does not name:
		// "she" may be hers, whoever she is
		{"pronoun past a sentence using it of someone unnamed", []string{`During the concert, Swift changed her lyrics. Taylor Swift sang.`, `After the show, the singer ran into Travis Kelce’s arms before he whisked her away.`, `“Over the years, I’ve learned a lot,” she said.`}, nil},
		{"pronoun, the paragraph before's speaker by the same pronoun", []string{`Mila Kunis has two children with her husband.`, `“Our kids are super-fortunate,” she said.`, `Her husband Ashton Kutcher agreed with her on that.`, `“They will not be entitled,” she said.`}, []string{"Mila Kunis: Our kids are", "Mila Kunis: They will not"}},
		{"a clause not ending in the name", []string{`After a fan shouted: “Let’s go Taylor’s boyfriend” while Travis Kelce was waiting, he responded with a smile.`}, nil},
		{"a quoted title is no speaker", []string{`The “Blank Space” singer spoke to Time.`, `“When you say a relationship is public, we are proud,” she said.`}, nil},
		{"a surname two people share: the title's", []string{`Jason Kelce joked about it on his podcast.`, `“It’s like a game of telephone,” Kelce said.`}, []string{"Jason Kelce: It’s like a"}},
		{"a passive verb's subject is the listener", []string{`Greg Brockman was told that he was being removed as chairman “but was vital to the company and would retain his role” as president.`}, nil},
		{"another person between the verb and the quotation", []string{`“We won the league,” said Jane Okafor, adding that Tom Reyes had called the deal “a disaster for everyone involved.”`}, []string{"Jane Okafor: We won the"}},
		// issue 26, who said it: the speaker certain or nobody
		{"colon-introduced, no speaker, after the paragraph's speaker", []string{`“We moved to another state,” Tom Reyes said. Reyes kept a record of the posts: “Nobody here likes you at all.” “Go home now, you two.”`}, []string{"Tom Reyes: We moved to"}},
		{"colon-introduced, a clause naming the speaker", []string{`Tom Reyes spoke first. Reyes told me: “Nobody here likes you at all.”`}, []string{"Tom Reyes: Nobody here likes"}},
		{"continued to do, no saying", []string{`“We moved to another state,” Tom Reyes said. Reyes continued to capture more of the posts: “Nobody here likes you at all.”`}, []string{"Tom Reyes: We moved to"}},
		{"a clause introducing the next quotation", []string{`Jane Okafor wrote on Facebook. “I filed a report about the school.” She continued: “The university is gaslighting me.”`}, []string{"Jane Okafor: The university is"}},
		{"a quotation inside a sentence of narration is no continuation", []string{`“I am Vietnamese,” Jane Okafor told me. Some of the comments would claim Okafor “wants to be white.”`}, []string{"Jane Okafor: I am Vietnamese"}},
		{"another speaker named between two quotations", []string{`“We are all in different states,” Jane Okafor told me. Every state has different laws, Tom Reyes said. “It depends on where you are.”`}, []string{"Jane Okafor: We are all"}},
		{"the same speaker named between two quotations", []string{`“We are all in different states,” Jane Okafor told me. Okafor has said so before. “It depends on where you are.”`}, []string{"Jane Okafor: We are all", "Jane Okafor: It depends on"}},
		{"a long sentence after a quotation is no clause", []string{`“We are all in different states,” Jane Okafor told me. “It is not easy.” Tom Reyes asked the police in Hamden if they might reach out for assistance.`}, []string{"Jane Okafor: We are all", "Jane Okafor: It is not"}},
		{"pronoun, the one person given it in the sentence before", []string{`Tom Reyes said he would appeal. Jane Okafor said she would not.`, `Okafor met Reyes at the office.`, `“We will settle it in court,” he said.`}, []string{"Tom Reyes: We will settle"}},
		{"pronoun, two people given it", []string{`Tom Reyes said he would appeal. Sam Brook said he would not.`, `Brook met Reyes at the office.`, `“We will settle it in court,” he said.`}, nil},
		{"pronoun, the one person named right before, given no pronoun", []string{`Tom Reyes spoke first. Sam Brook arrived later.`, `“We will settle it in court,” she said.`}, []string{"Sam Brook: We will settle"}},
		{"pronoun, two people named right before, given no pronoun", []string{`Tom Reyes and Sam Brook arrived later.`, `“We will settle it in court,” she said.`}, nil},
		{"pronoun, the one person named two sentences before, given no pronoun", []string{`Sam Brook arrived later. The meeting ran long.`, `“We will settle it in court,” she said.`}, nil},
		{"pronoun, the person given the other one", []string{`Tom Reyes said his team would appeal.`, `“We will settle it in court,” she said.`}, nil},
		{"pronoun of someone unnamed", []string{`Jane Okafor said she was tired.`, `My assistant at the time also struggled, and it helped her realise she had to leave.`, `“There were two weeks where I could not sleep,” she told me.`}, nil},
		{"pronoun past an epithet", []string{`Jane Okafor said she was tired.`, `The 33-year-old founder spoke after she was named chief executive.`, `“There were two weeks where I could not sleep,” she told me.`}, []string{"Jane Okafor: There were two"}},
		{"a group is no person", []string{`Tom Reyes met other Asian American academics.`, `“We will settle it in court,” Asian American said.`}, nil},
		{"a drop capital", []string{`Tom Reyes spoke first. He said he was tired.`, `inhaReyes became obsessive. Not a week went by without him checking the posts.`, `“It is part of the rhythm of my day,” he told me.`}, []string{"Tom Reyes: It is part"}},
		{"according to an object, not the speaker", []string{`Jane Okafor spoke first.`, `Tom Reyes resigned from the board in a move that Acme said would remove a “potential future conflict for everyone.”`}, nil},
		{"a name written as the object before the verb", []string{`Jane Okafor spoke first.`, `Tom Reyes later sent an apology to Okafor on Instagram, writing: “I am deeply sorry for the times in my life.”`}, nil},
		{"an apposition between the speaker and the verb", []string{`Bryson Reyes, who joined the LIV tour in 2022, said, “It is a great handicap for us.”`}, []string{"Bryson Reyes: It is a"}},
		{"a clause of its own after the verb", []string{`After pausing sales due to a “surge of usage from everyone,” Acme CEO Sam Reyes announced they have reopened.`}, nil},
		{"said name on something", []string{`Jurgen Reyes spoke first.`, `“You saw so many teams here growing,” said Reyes on the demands of his job.`}, []string{"Jurgen Reyes: You saw so"}},
		// recall without misattribution (desk2): each rule, and a near
		// miss where it must not fire
		{"participle after the main clause, after a quotation", []string{`“I have brought so many people to the sport,” Tom Reyes wrote on X, adding: “Try to not hide any more assets.”`}, []string{"Tom Reyes: I have brought", "Tom Reyes: Try to not"}},
		{"participle after a long main clause", []string{`In August 2022, Tom Reyes claimed during an interview with ITV that the players found the season “tough” on the road, saying: “I can’t imagine how it feels to travel that much.”`}, []string{"Tom Reyes: I can’t imagine"}},
		{"participle after a long main clause, a dash", []string{`In reply to Jane Okafor, Tom Reyes avoided the same criticism of the EU’s approach but invited yet more relativism — writing: “Let the public hear exactly what this consists of.”`}, []string{"Tom Reyes: Let the public"}},
		{"participle after a long main clause without a comma is no clause", []string{`In August 2022, Tom Reyes claimed during an interview with ITV that the players found the season “tough” on the road saying: “I can’t imagine how it feels to travel that much.”`}, nil},
		{"participle after a main clause whose subject is another's", []string{`Tom Reyes spoke first.`, `Tom Reyes claimed that he was misquoted by the press in the spring, saying: “I can’t imagine how it feels to travel that much.”`}, nil},
		{"participle, the name an object", []string{`Tom Reyes spoke first.`, `A friend of Tom Reyes spoke on X, adding: “Try to not hide any more assets.”`}, nil},
		{"participle, the main clause's pronoun", []string{`Sam Reyes maintained his innocence.`, `At the Acme Summit, he appeared virtually from the Bahamas, saying “I didn’t ever try to commit fraud on anyone.”`}, []string{"Sam Reyes: I didn’t ever"}},
		{"participle, the main clause's pronoun with another person", []string{`Sam Reyes maintained his innocence.`, `At the Acme Summit, he appeared with Jane Okafor, saying “I didn’t ever try to commit fraud on anyone.”`}, nil},
		{"with name writing", []string{`The thread drew many comments — with Tom Reyes writing: “Amazing to see this exchange!”`}, []string{"Tom Reyes: Amazing to see"}},
		{"a reply to name writing is the reply's", []string{`Jane Okafor spoke first.`, `The thread drew a reply to Tom Reyes writing: “Amazing to see this exchange!”`}, nil},
		{"name, who said", []string{`His statements mirrored comments made by Tom Reyes, who said the firm would be “moving to a small monthly payment” soon.`}, []string{"Tom Reyes: moving to a"}},
		{"of name, who said, may be another's", []string{`Tom Reyes spoke first.`, `His statements mirrored comments made by the wife of Tom Reyes, who said the firm would be “moving to a small monthly payment” soon.`}, nil},
		{"a clause of its own after the quotation", []string{`Jane Okafor studies online abuse.`, `She told me there has been “an increasingly organized attack on academia,” and scholars have told her their universities are ill-equipped.`}, []string{"Jane Okafor: an increasingly organized"}},
		{"a clause of its own after the quotation names someone else", []string{`Tom Reyes called the plan “a disaster for everyone involved,” and Jane Okafor said she agreed.`}, nil},
		{"an aside in brackets between the name and the verb", []string{`Jane Okafor was shocked at the news, and felt “momentary disquiet” (something she attributes to her upbringing) but says it “instantly made sense”.`}, []string{"Jane Okafor: instantly made sense"}},
		{"the aside's words outside brackets", []string{`Jane Okafor was shocked at the news, and felt “momentary disquiet” as something she attributes to her upbringing but says it “instantly made sense”.`}, nil},
		{"in the words of", []string{`In the words of Jane Okafor, it is safe to say that “everything has changed” for the club.`}, []string{"Jane Okafor: everything has changed"}},
		{"in the words of, another speaker before the quotation", []string{`Tom Reyes spoke first.`, `In the words of Jane Okafor, Tom Reyes called it “everything has changed” for the club.`}, nil},
		{"an outlet inside a phrase of a preposition", []string{`Jane Okafor liked and commented on the viral TikTok saying, “Wait, this is amazing.”`}, []string{"Jane Okafor: Wait, this is"}},
		{"a capitalised word outside a phrase of a preposition", []string{`Jane Okafor liked the clip and Tom commented saying, “Wait, this is amazing.”`}, nil},
		{"a word of saying used as a noun", []string{`Then the Organization of Petroleum Exporters sent a letter to its member states pressuring them to “reject any text that targets energy.”`}, nil},
		{"a pronoun of the other gender does not go on from the paragraph's speaker", []string{`Tom Reyes said he would appeal.`, `“We will win the league,” Tom Reyes said. He said he would appeal. “We always do,” she said.`}, []string{"Tom Reyes: We will win"}},
		{"pronoun after a relative clause of someone unnamed", []string{`Tom Reyes spoke first.`, `Tom Reyes recounts chatting with a friend in tech, who told Reyes it was impossible to plan when he graduated.`, `“We couldn’t predict what companies would exist,” he says.`}, nil},
		{"pronoun after a relative clause of the name's apposition", []string{`Jane Okafor, the club’s secretary of state for sport, who led the talks, hailed the deal.`, `“We have achieved the first such rule in the world,” she announced.`}, []string{"Jane Okafor: We have achieved"}},
		{"pronoun past a sentence whose subject is a speaker named by one word", []string{`“Kelce finds a blank space for the score,” Ian Eagle said.`, `On September 21, Kelce announced he had invited her. Kelce said so on his show.`, `“I told her to come and see the game,” he said.`}, []string{"Ian Eagle: Kelce finds a"}},
		{"a person written after a preposition is given no pronoun", []string{`Jane Okafor has two sons. Okafor told the court she was tired.`, `In a message to Okafor, he said, “I love you a lot, I hope for the best.”`}, nil},
		{"pronoun, the one person named before as an object", []string{`Tom Reyes spoke first.`, `Will said that the relationship with Reyes allowed his children to grow up together.`, `“Can you show up and love somebody for life?” he asked.`}, nil},
		{"pronoun, the one person named before, told her", []string{`Tom Reyes spoke first. Jane Okafor spoke second.`, `The plan, Reyes told her, was to separate the firms.`, `“The whole time we were dating, he was my boss,” she said.`}, nil},
		{"pronoun, the one person named before, a subject with his own pronoun", []string{`Tom Reyes spoke first. Jane Okafor spoke second.`, `But, according to Reyes, he is not letting the media affect his relationship.`, `“I am not running away from any of it,” he said.`}, []string{"Tom Reyes: I am not"}},
		// an abbreviation inside the clause's name phrase ("St. Louis",
		// "Rep.", "Dr.") does not end it; a full stop after any other
		// word does
		{"after, said a title with an abbreviation", []string{`“He wants to be the best ever,” said St. Louis Cardinals outfielder Lars Nootbaar, who played with him.`}, []string{"Lars Nootbaar: He wants to"}},
		{"after, said Dr. name", []string{`“A funky bacterium,” said Dr. David Needle, a pathologist.`}, []string{"David Needle: A funky bacterium"}},
		{"after, said a word and its full stop", []string{`Lars Nootbaar spoke first.`, `“He wants to be the best ever,” said Louis. Cardinals outfielder Lars Nootbaar played with him.`}, nil},
		// "he said" goes on past a sentence naming no one that tells on
		// what the same person said ("…, he said; …"), to the one naming
		// them; not past a sentence with another pronoun
		{"pronoun, past a sentence telling on by the pronoun", []string{`President Kent Walker said the product was the best in the business. And being default was not determinative, he said; switching was easy. “People use Google because they want to,” he said.`}, []string{"Kent Walker: People use Google"}},
		{"pronoun, past a sentence with the pronoun as an object", []string{`President Kent Walker said the product was the best in the business. And being default was not determinative, a rival told him; switching was easy. “People use Google because they want to,” he said.`}, nil},
		// an inverted clause: the person before what the speaker spoke
		// on or when, a role before them
		{"after, said a role and name, then what on", []string{`“We will win the league this year,” said Lagos athletic director Jane Okafor in announcing the hire.`}, []string{"Jane Okafor: We will win"}},
		{"after, said a role, then what on: no one", []string{`“We will win the league this year,” said the athletic director in announcing the hire.`}, nil},
		{"after, said a place and a role, then what on: no one", []string{`“We will win the league this year,” said Michigan State athletic director in announcing it.`}, nil},
		// a place after the name is no part of it
		{"before, name of a place", []string{`Senator Jane Okafor of Virginia said she was “impressed by the breadth” of the order.`}, []string{"Jane Okafor: impressed by the"}},
		// a title inside a long run of capitals ends what is not the name:
		// the surname alone is then the person's
		{"after, surname of a name after a long title", []string{`Senate Majority Leader Jane Okafor spoke on Tuesday.`, `“We will win the league this year,” Okafor told reporters.`}, []string{"Jane Okafor: We will win"}},
		// a speaker's label, as lists of reactions are written
		{"label", []string{`Jane Okafor, former Lagos and England forward: “We will win the league this year.”`}, []string{"Jane Okafor: We will win"}},
		{"label with a title", []string{`Actor Sir Ian McKellen: “Like many grateful actors I am in debt to him.”`}, []string{"Ian McKellen: Like many grateful"}},
		{"label, two speakers", []string{`Jane Okafor: “We will win the league this year.”`, `Tom Reed: “We will not win it this year.”`}, []string{"Jane Okafor: We will win", "Tom Reed: We will not"}},
		{"label of one word: no one", []string{`Update: “We will win the league this year.”`}, nil},
		{"label of an organisation: no one", []string{`Lagos Football Club, in a statement: “We will win the league this year.”`}, nil},
		{"a brand is no person", []string{`“We plan to make it available in the coming months,” said OpenAI DevDay.`}, nil},
		{"no attribution", []string{`“Nobody knows what comes next for the company.”`}, nil},
		// a photo's caption is not read: "he" is not the person it names
		{"he after a caption", []string{`The defence is not good enough, said the manager.`, `4 Andre Onana had another disappointing performance in goal Credit: Getty`, `“Every goal has its own story,” he added.`}, nil},
		{"he after a caption, the person before", []string{`Erik Podzuweit founded the broker.`, `For now, Scalable Capital is holding steady, said Podzuweit.`, `4 Andre Onana had another disappointing performance in goal Credit: Getty`, `“It’s leaner, obviously,” he said.`}, []string{"Erik Podzuweit: It’s leaner, obviously"}},
		{"he after a Guardian caption", []string{`Erik Podzuweit founded the broker.`, `For now, Scalable Capital is holding steady, said Podzuweit.`, `Andre Onana in goal on Wednesday. Photograph: Darren Staples/AFP/Getty Images`, `“It’s leaner, obviously,” he said.`}, []string{"Erik Podzuweit: It’s leaner, obviously"}},
		{"a caption holding a quotation is read", []string{`Erik Podzuweit founded the broker.`, `“It’s leaner, obviously,” said Andre Onana after the game (PA)`}, []string{"Andre Onana: It’s leaner, obviously"}},
		{"a scare quote is no quotation", []string{`Kooker told senators the use was not “fair use” at all.`}, nil},
		// issue 26, twentieth pass (desk20)
		{"a role, then the name between commas", []string{`“Two very different halves from our perspective,” the Bayern coach, Thomas Tuchel, said.`}, []string{"Thomas Tuchel: Two very different"}},
		{"a possessive role, then the name between commas", []string{`“After the break, we were more compact,” Milan’s coach, Stefano Pioli, told DAZN.`}, []string{"Stefano Pioli: After the break,"}},
		{"a role of someone, then the name: the role's", []string{`“Two very different halves from our perspective,” a friend of the coach, Thomas Tuchel, said.`}, nil},
		{"a role, then a clause between commas: no one", []string{`Lautaro Martínez scored four.`, `“I scored four goals but the important thing is that Inter won,” the striker, who has scored nine goals, told Sky Sport Italia.`}, nil},
		{"a person of a place or an organisation, by surname", []string{`Louis Brus of Columbia University won the prize.`, `“I certainly was not expecting this,” Brus said.`}, []string{"Louis Brus: I certainly was"}},
		{"participle after a main clause of saying, a name in what it reports", []string{`Liverpool defender Kostas Tsimikas collided with Jurgen Klopp.`, `Klopp said Tsimikas’ collarbone was “definitely broken”, adding he will be “out for a long time.”`}, []string{"Jurgen Klopp: out for a"}},
		{"participle after a main clause of saying, an apposition", []string{`Rigoberto Advincula, a materials chemist at Oak Ridge National Laboratory in Tennessee, said the work helped bridge the fields, adding: “This technology is very easy to reproduce.”`}, []string{"Rigoberto Advincula: This technology is"}},
		{"participle after a main clause of saying, another verb of saying between", []string{`Liverpool defender Kostas Tsimikas collided with Jurgen Klopp.`, `Klopp said Tsimikas told him it was “definitely broken”, adding he will be “out for a long time.”`}, nil},
		{"participle after a main clause of saying, a relative clause between", []string{`Liverpool defender Kostas Tsimikas collided with Jurgen Klopp.`, `Klopp said Tsimikas, who fell badly, was hurt, adding he will be “out for a long time.”`}, nil},
		{"a name written possessively by its apostrophe alone", []string{`Liverpool defender Kostas Tsimikas collided with Jurgen Klopp.`, `Tsimikas’ doctor said he will be “out for a long time.”`}, nil},
		{"a name subject of a verb of its own before another", []string{`Chelsea Janes wrote about Orlando Arcia.`, `She also went on to say that what Arcia said wasn't a slur, and added the only reason was because “they know it would motivate Harper to beat them.”`}, nil},
		{"a quotation left open at the end, after its speaker's", []string{`“It was just in many ways irrelevant,” Peter Schmeichel said. “West Ham got an easy win`, `“When I look at the team, I don’t know what the identity is.`, `“He needs to take a step back.”`}, []string{"Peter Schmeichel: It was just", "Peter Schmeichel: West Ham got", "Peter Schmeichel: When I look", "Peter Schmeichel: He needs to"}},
		{"a quotation left open after a colon, straight marks", []string{`Bruno Fernandes spoke after the game.`, `Captain Fernandes appears to be fed up as he told TNT Sports: "Every time we concede a goal we had many chances.`, `"I think at the end of the game we had four chances."`}, []string{"Bruno Fernandes: Every time we", "Bruno Fernandes: I think at"}},
		{"a quotation left open with no speaker does not run on", []string{`“We are building robots,” said Jane Okafor.`, `“Nobody knows what comes next`, `“for the company.”`}, []string{"Jane Okafor: We are building"}},
		{"he as he told, the sentence's own subject", []string{`Another free-kick from Hakim Ziyech caught Andre Onana off guard.`, `Captain Bruno Fernandes appears to be fed up with it as he told TNT Sports: “Every time we concede a goal we had chances.”`}, []string{"Bruno Fernandes: Every time we"}},
		{"he as he told, another person in the sentence", []string{`Bruno Fernandes scored.`, `Eight points have been dropped from winning positions.`, `Captain Fernandes passed to Marcus Rashford as he told TNT Sports: “Every time we concede a goal we had chances.”`}, nil},
		{"he as he told, the subject's other pronoun", []string{`Jane Okafor scored. She was happy.`, `Eight points have been dropped from winning positions.`, `Okafor appears to be fed up with it as he told TNT Sports: “Every time we concede a goal we had chances.”`}, nil},
		{"a verb first in a label", []string{`Christopher Brown wrote the note.`, `Concluded Brown: “It is up to the board to satisfy itself.”`}, []string{"Christopher Brown: It is up"}},
		{"a name ending in -ed in a label", []string{`Mohammed Kudus: “It is up to the board to satisfy itself.”`}, []string{"Mohammed Kudus: It is up"}},
		// a place's or a nation's name is no one the pronoun may be
		{"he after a place named", []string{`Ana Reyes said the shares held up after a weak lead from Wall Street. “We held on pretty well,” she said.`}, []string{"Ana Reyes: We held on"}},
		{"he after a nation named", []string{`Tom Brill, Principal Chief of the Corvane Nation, spoke to The Daily. He said the label read “Chicken Nation” as opposed to Corvane Nation.`, `“We were never asked,” he said.`}, []string{"Tom Brill: We were never"}},
		// the name a role in apposition is given to, not where it is held
		{"before, apposition naming an employer", []string{`Firms run the checks, which Lena Dask, senior analyst at The Ride Desk, says “are watered down at best.”`}, []string{"Lena Dask: are watered down"}},
		{"before, apposition after a preposition's name", []string{`The lawyer for Jane Okafor, a partner at Brill Vane, says “the case is weak.”`}, nil},
		{"a person named as a place is", []string{`“We ran out of legs,” Bruce Arena said.`}, []string{"Bruce Arena: We ran out"}},
		{"before, an employer after a preposition alone", []string{`Firms run the checks, which the analysts at The Ride Desk say “are watered down at best.”`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, q := range Quotations(docOf(tc.paras...)) {
				w := strings.Fields(q.Text())
				got = append(got, q.Speaker+": "+strings.Join(w[:min(3, len(w))], " "))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{"Dyche.": "Dyche", "Nvidia CEO Jensen Huang": "Jensen Huang", "Freddie Prinze Jr.": "Freddie Prinze Jr.", "Klopp’s": "Klopp", "The": "",
		// titles, professions, descriptions before the name
		"Leader Danie Jones": "Danie Jones", "Sociologist Victor Ray": "Victor Ray", "Secretary-General Hans Ellegren": "Hans Ellegren",
		"Senators Brian Schatz": "Brian Schatz", "Virginia-based Hannah Keeley": "Hannah Keeley", "I’m Tim Turk": "Tim Turk",
		"ESPN’s Adam Schefter": "Adam Schefter", "Promoter Eddie Hearn": "Eddie Hearn", "Co-owner Teddy Jirapraphanan": "Teddy Jirapraphanan",
		"Bradley of Washington": "Bradley", "Senator Mark Warner of Virginia": "Mark Warner", "European Command": "Command",
		"Senate Majority Leader Chuck Schumer": "Chuck Schumer",
		// names that look like titles are kept
		"Victor Ray": "Victor Ray", "Dean Cain": "Dean Cain", "Christian Eriksen": "Christian Eriksen", "Taylor Swift": "Taylor Swift",
		"Pastor": "Pastor", "Bank of England": "Bank of England"} {
		if got := cleanName(in); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAttributionSurnameOfTheTitle(t *testing.T) {
	d := docOf(`Jason Kelce joked about it. Jason Kelce laughed.`, `“It’s like a game of telephone,” Kelce said.`)
	d.Title = "Travis Kelce addresses the rumours"
	qs := Quotations(d)
	if len(qs) != 1 || qs[0].Speaker != "Travis Kelce" {
		t.Errorf("quotations %+v", qs)
	}
}

func TestFullestFirstName(t *testing.T) {
	full := fullNames("", "Taylor Swift sang. Taylor Swift danced. Sad Taylor is a song.", map[string]bool{})
	if got := fullest("Taylor", full); got != "Taylor Swift" {
		t.Errorf("fullest(Taylor) = %q", got)
	}
	if got := fullest("Swift", full); got != "Taylor Swift" {
		t.Errorf("fullest(Swift) = %q", got)
	}
}

func TestBrandIsNoPerson(t *testing.T) {
	for name, want := range map[string]bool{"OpenAI DevDay": true, "TikTok Australia": true, "Bryson DeChambeau": false, "Steve DelBianco": false, "Ryan McDonald": false, "Rebecca MacKinnon": false} {
		if got := organisation(name); got != want {
			t.Errorf("organisation(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestSurnameWithATitle(t *testing.T) {
	d := docOf(`Pastor Bradley spoke to the congregation.`, `“We are at a crossroads spiritually,” said Bradley.`)
	qs := Quotations(d)
	if len(qs) != 1 || qs[0].Speaker != "Bradley" {
		t.Errorf("quotations %+v", qs)
	}
	d = docOf(`Governor Albert Bryan Jr. was clear.`, `“If we never mention it again, that would be good for me,” Bryan told the paper.`)
	qs = Quotations(d)
	if len(qs) != 1 || qs[0].Speaker != "Albert Bryan Jr" {
		t.Errorf("quotations %+v", qs)
	}
}

// TestTopicOf: a quotation is about a topic whose words its paragraph,
// the paragraph before or its title tell; its story holding them all is
// told apart (the fallback when no quotation of the name is near them).
func TestTopicOf(t *testing.T) {
	d := docOf(
		`Real Madrid outclassed Girona to win 3-0.`,
		`“I feel very good, I have freedom of movement,” said Jude Bellingham.`,
		`Real will be buoyed by Vinícius Jr. Real’s coach, Carlo Ancelotti, said: “It was a solid, convincing game.”`,
		`Inter won at Salernitana.`,
		`“I scored four goals but the important thing is that Inter won,” said Lautaro Martínez.`,
	)
	d.Title = "European roundup"
	tw := weigh(nil, "the girona win")
	byText := map[string]Quotation{}
	for _, q := range Quotations(d) {
		byText[strings.Fields(q.Text())[0]+" "+strings.Fields(q.Text())[1]] = q
	}
	for _, tc := range []struct {
		quote       string
		near, story bool
	}{
		{"I feel", true, true},  // the paragraph before tells of Girona
		{"It was", false, true}, // two paragraphs on: only the story
		{"I scored", true, true},
	} {
		q, ok := byText[tc.quote]
		if !ok {
			t.Fatalf("no quotation %q in %v", tc.quote, byText)
		}
		near, story := topicOf(tw, q)
		if near > 0 != tc.near || story != tc.story {
			t.Errorf("%q: near %v story %v, want %v %v", tc.quote, near, story, tc.near, tc.story)
		}
	}
	// a story without one of the topic's words: not about it
	if _, story := topicOf(weigh(nil, "the girona defeat"), byText["It was"]); story {
		t.Errorf("story without “defeat” counted")
	}
}

// TestFirstNameInClauseWithin: a first name of someone quoted before is
// the sentence's subject when it leads the sentence ("Francesca told her
// father"), not when it is the subject of a clause within it ("When
// Francesca explained to her father …, the director’s eyes lit up. “…,” he
// replied": the pronoun is not hers).
func TestFirstNameInClauseWithin(t *testing.T) {
	text := "Martin Scorsese sat with his daughter, Francesca Lomax."
	c := &surround{full: fullNames("", text, nil), spoke: map[string]bool{"Francesca Lomax": true}}
	for _, tc := range []struct {
		sent string
		want string
	}{
		{"Francesca told her father the word.", "Francesca Lomax"},
		{"When Francesca explained to her father that the term is a booty call, the director’s eyes lit up.", ""},
		{"As Francesca explained the term, the director laughed.", ""},
	} {
		got := ""
		if ps := c.withFirstNames(tc.sent, nil); len(ps) > 0 {
			got = ps[0].name
		}
		if got != tc.want {
			t.Errorf("withFirstNames(%q) = %q, want %q", tc.sent, got, tc.want)
		}
	}
}
