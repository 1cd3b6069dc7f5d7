package session

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A shared link opens into exactly the state it was made in.
func TestLinkRoundTripReplaysTheSameState(t *testing.T) {
	r := story(t)
	p := StepCount(r.f.Commands) - 3
	r.f.Position = &p
	r.f.Lesson = &LessonMark{Slug: "failover", Digest: "d1", Step: 1, Passed: []bool{true, false}, Answers: []int{-1, -1}, EventsSeen: 3}
	link, err := EncodeLink(r.f)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(link, "v1."), link)
	require.NotContains(t, link, "=", "no padding")
	require.Equal(t, -1, strings.IndexFunc(link, func(c rune) bool { return !strings.ContainsRune(urlSafe, c) }), "URL-safe: %s", link)

	f, err := DecodeLink(link)
	require.NoError(t, err)
	require.Equal(t, r.f, f)
	f.Position = nil
	sh, err := Replay(f.Setup, f.Commands)
	require.NoError(t, err)
	require.Equal(t, stateJSON(t, r.sh), stateJSON(t, sh))
}

const urlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."

// link wraps any bytes as EncodeLink wraps JSON.
func link(t *testing.T, body []byte) string {
	t.Helper()
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	require.NoError(t, err)
	_, err = w.Write(body)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return "v1." + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// rewriteLinks rewrites testdata/links.json, the cases below, which the browser tests open too
// (web/e2e/timetravel.test.mjs): the browser's DEFLATE must give the same answers as Go's.
var rewriteLinks = flag.Bool("rewrite-links", false, "rewrite testdata/links.json")

// linkCase is one link and what opening it says ("" when it opens).
type linkCase struct {
	Name string `json:"name"`
	Link string `json:"link"`
	Want string `json:"want"`
}

func TestDecodeLinkErrors(t *testing.T) {
	good, err := EncodeLink(story(t).f)
	require.NoError(t, err)
	bomb := link(t, bytes.Repeat([]byte{' '}, 20<<20)) // 20 MiB of spaces, a few kB of link
	require.Less(t, len(bomb), MaxLinkChars)
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(good, "v1."))
	require.NoError(t, err)
	trailing := "v1." + base64.RawURLEncoding.EncodeToString(append(raw, 0, 0))
	cases := []linkCase{
		{"made by Go", good, ""},
		{"empty", "", "this is not a Kafka playground session link"},
		{"not a link", "https://example.com/", "this is not a Kafka playground session link"},
		{"newer", "v2." + strings.TrimPrefix(good, "v1."), `this link was made by a newer version of the playground (link format "v2"; this playground reads "v1")`},
		{"cut short", good[:len(good)/2], "the link is damaged or cut short: copy the whole link"},
		{"bad base64", "v1.abc$def", "the link is damaged or cut short: copy the whole link"},
		{"padded", good + "==", "the link is damaged or cut short: copy the whole link"},
		{"not deflate", "v1." + base64.RawURLEncoding.EncodeToString([]byte("hello, world")), "the link is damaged or cut short: copy the whole link"},
		{"bytes after the stream", trailing, "the link is damaged or cut short: copy the whole link"},
		{"too long", "v1." + strings.Repeat("A", MaxLinkChars), fmt.Sprintf("the link is %d characters; a session link is at most %d", MaxLinkChars+3, MaxLinkChars)},
		{"deflate bomb", bomb, "the link holds a session of over 1048576 bytes; a session is at most 1048576 (1 MiB)"},
		{"not a session", link(t, []byte(`{"hello": 1}`)), `this is not a Kafka playground session file (it has no "format": "kafka-playground-session")`},
		{"bad session", link(t, []byte(`{"format": "kafka-playground-session", "version": 1, "setup": {"seed": 1, "brokers": 0, "controllers": 3}}`)), "setup: brokers must be 1 to 12, not 0"},
	}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			f, err := DecodeLink(tc.Link)
			if tc.Want == "" {
				require.NoError(t, err)
				require.Equal(t, story(t).f.Commands, f.Commands)
				return
			}
			require.EqualError(t, err, tc.Want)
			require.Zero(t, f)
		})
	}
	js, err := json.MarshalIndent(cases, "", "  ")
	require.NoError(t, err)
	js = append(js, '\n')
	const fixture = "testdata/links.json"
	if *rewriteLinks {
		require.NoError(t, os.WriteFile(fixture, js, 0o644))
	}
	was, err := os.ReadFile(fixture)
	require.NoError(t, err)
	require.Equal(t, string(js), string(was), "%s is stale: go test ./engine/session -run TestDecodeLinkErrors -rewrite-links", fixture)
}

// A session too long for a link is refused with the way out.
func TestEncodeLinkTooLong(t *testing.T) {
	f := File{Setup: Setup{Seed: 1, Brokers: 3, Controllers: 3}}
	// Random values do not compress: a few thousand records fill a link.
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 4000 {
		f.Commands = append(f.Commands, Command{Line: fmt.Sprintf("producer send p v%016x%016x", rnd.Uint64(), rnd.Uint64()), Failed: true})
	}
	_, err := EncodeLink(f)
	require.ErrorIs(t, err, errLinkTooLong)
	require.ErrorContains(t, err, "export it as a file instead")
	_, err = EncodeFile(f)
	require.NoError(t, err, "a file still carries it")
}

// The worked examples of LinkPayload, and a link made by `session export --format link`.
func TestLinkPayload(t *testing.T) {
	for text, want := range map[string]string{
		"http://localhost:8080/#session=v1.abc": "v1.abc",
		"#session=v1.abc":                       "v1.abc",
		"  #session=v1.abc\n":                   "v1.abc",
	} {
		got, ok := LinkPayload(text)
		require.True(t, ok, text)
		require.Equal(t, want, got, text)
	}
	for _, text := range []string{"v1.abc", "broker kill 1 #session=v1.abc", "", "saved.json"} {
		_, ok := LinkPayload(text)
		require.False(t, ok, text)
	}

	f := story(t).f
	payload, err := Export(f, "link", false)
	require.NoError(t, err)
	got, ok := LinkPayload(LinkURL(DefaultBaseURL, payload))
	require.True(t, ok)
	opened, err := DecodeLink(got)
	require.NoError(t, err)
	require.Equal(t, f.Commands, opened.Commands)
}
