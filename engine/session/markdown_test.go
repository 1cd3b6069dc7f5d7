package session

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark"
)

// htmlText is text as goldmark's HTML renderer escapes it.
var htmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func render(t *testing.T, md string) string {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, goldmark.Convert([]byte(md), &out))
	return out.String()
}

// The report renders as Markdown, and every event and record in it renders as the text it is:
// nothing the learner typed turns into markup.
func TestExportMarkdown(t *testing.T) {
	r := story(t)
	md, err := ExportMarkdown(r.f)
	require.NoError(t, err)
	html := render(t, md)

	require.Contains(t, html, "<h1>Kafka playground session</h1>")
	for _, h := range []string{"Setup", "Commands", "Events", "Final state"} {
		require.Contains(t, html, "<h2>"+h+"</h2>")
	}
	require.NotContains(t, html, "<h2>Lesson</h2>")
	require.Contains(t, md, "- Seed: 7\n- Brokers: 3\n- KRaft controllers: 3\n")

	evs := r.sh.Sim().Events()
	require.NotEmpty(t, evs)
	for _, e := range evs {
		require.Contains(t, html, "<li>"+htmlText.Replace(engine.DescribeEvent(e))+"</li>")
	}
	require.Equal(t, len(evs), strings.Count(md[strings.Index(md, "## Events"):strings.Index(md, "## Final state")], "\n- "))

	require.Contains(t, html, "<li><code>bob:order *2* &lt;b&gt;&amp;amp;&lt;/b&gt;</code></li>", "records are code, shown as typed")
	require.Contains(t, html, "<li><code>carol:`tick`</code></li>")
	require.Contains(t, md, "- **0.0s** `kafka-console-producer.sh --topic orders --property parse.key=true --property key.separator=:`, with 3 record(s)\n")
	require.Contains(t, md, "- **1.4s** `kafka-topics.sh --create --topic orders`: failed: Error while executing topic command : Topic 'orders' already exists.\n")
	require.Contains(t, md, "- … 0.5s pass …\n- **1.9s** `broker kill 1`\n- … 10.0s pass …\n- **11.9s** `consumer add")
	require.Contains(t, md, "- `orders-1`: leader 2 (epoch 1), ISR [2,3], replicas [1,2,3], high watermark 1, log end 1, under-replicated\n")
	require.Contains(t, md, "- `__consumer_offsets`: 50 partitions (internal, not listed)\n")
	require.Contains(t, md, "### Consumer groups\n\n- `billing`: Stable, generation 1, 1 member(s)\n")

	again, err := ExportMarkdown(r.f)
	require.NoError(t, err)
	require.Equal(t, md, again, "the same session gives the same report")
}

// At a position, the report stops there: the commands, the clock and the events before it.
func TestExportMarkdownAtPosition(t *testing.T) {
	r := story(t)
	p := int64(2 + 5 + 1 + 10) // two commands (the failed one takes no step), five ticks, the kill, ten ticks
	r.f.Position = &p
	r.f.Lesson = &LessonMark{Slug: "under_score*", Step: 1, Passed: []bool{true, false, false}, Answers: []int{-1, -1, -1}}
	md, err := ExportMarkdown(r.f)
	require.NoError(t, err)
	require.Contains(t, md, "- Shown at step 18 of 151: the report stops there\n")
	require.Contains(t, md, "## Lesson\n\nLesson `under_score*`, at step 2, with 1 of 3 step(s) passed.\n")
	require.Contains(t, md, "- **1.9s** `broker kill 1`\n- … 1.0s pass …\n\n## Events")
	require.Contains(t, md, "At 2.9s (tick 29)")
	require.Contains(t, render(t, md), "<code>under_score*</code>")
}

func TestExportMarkdownEmptyAndErrors(t *testing.T) {
	md, err := ExportMarkdown(File{Setup: Setup{Seed: 1, Brokers: 1, Controllers: 1}})
	require.NoError(t, err)
	require.Contains(t, md, "## Commands\n\nNo commands.\n")
	require.Contains(t, md, "### Partitions\n\nNo topics.\n")
	require.Contains(t, md, "No consumer groups.\n")

	_, err = ExportMarkdown(File{Setup: Setup{Seed: 1, Brokers: 1, Controllers: 1}, Commands: []Command{{Line: "broker kill 7"}}})
	require.ErrorContains(t, err, "command 1 (broker kill 7): ")
	_, err = ExportMarkdown(File{Setup: Setup{Seed: 1, Brokers: 0, Controllers: 1}})
	require.EqualError(t, err, "setup: brokers must be 1 to 12, not 0")
}

func TestCodeSpanAndEscape(t *testing.T) {
	for _, s := range []string{"plain", "a`b", "``x``", "`", " a ", "  ", " lead", "<b>&amp;</b>", `back\slash`} {
		require.Equal(t, "<p><code>"+htmlText.Replace(s)+"</code></p>\n", render(t, code(s)), "%q as %q", s, code(s))
	}
	require.Equal(t, "(empty)", code(""))
	for _, s := range []string{"*em* _em_ [link](x) ![img](y) <b> &amp; `code` \\ # | ~~s~~", "[0.0s] a"} {
		require.Equal(t, "<p>x "+htmlText.Replace(s)+"</p>\n", render(t, "x "+escape(s)), "%q", s)
	}
}
