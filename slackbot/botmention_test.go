package slackbot

import (
	"testing"

	"github.com/newsroom/askbot/internal/testutil/fakeslack"
)

// An @mention posted by a bot (another app, a workflow, or this bot
// quoting a question) is not answered: bots answering bots loop.
func TestMentionByABotIsNotAnswered(t *testing.T) {
	h := startBot(t, nil)
	mention := func(eventID, ts string, extra map[string]any) {
		ev := map[string]any{"type": "app_mention", "text": "<@" + fakeslack.BotUserID + "> Who denied meeting Russian officials?", "ts": ts, "channel": "C1", "event_ts": ts}
		for k, v := range extra {
			ev[k] = v
		}
		h.slack.Send("events_api", "env-"+eventID, 0, fakeslack.Event(eventID, ev))
	}
	mention("EvBot1", "500.1", map[string]any{"user": "UOTHERBOT", "bot_id": "B9"}) // another app's bot user
	mention("EvBot2", "500.2", map[string]any{"bot_id": "B9"})                      // a bot without a user
	mention("EvBot3", "500.3", map[string]any{"user": fakeslack.BotUserID})         // the bot itself
	// A person's mention sent after them is answered: by then the bots'
	// have been dispatched (events are handled in order).
	h.mention(t, "EvPerson", reporter, "C1", "500.4", "", "Who denied meeting Russian officials?", 0)
	h.finalAnswer(t, "C1", "500.4")
	for _, ts := range []string{"500.1", "500.2", "500.3"} {
		if n := h.repliesIn(ts); n != 0 {
			t.Errorf("a bot's mention (%s) got %d replies", ts, n)
		}
	}
	for _, c := range h.slack.CallsTo("reactions.add") {
		if c.Get("timestamp") != "500.4" {
			t.Errorf("reacted to a bot's mention: %+v", c.Form)
		}
	}
}
