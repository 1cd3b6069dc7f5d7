package lanes

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kafka-playground/playground/engine/kafkahash"
)

// keyColours is how many key colours lanes.css defines (the Okabe-Ito palette).
const keyColours = 8

// maxKeyRunes is how much of a key fits in a 34px cell under the offset.
const maxKeyRunes = 5

// keyIndex picks the colour of a record's key. It is the producer's own mapping (murmur2,
// toPositive, modulo) with 8 buckets, so the colour of a key never changes between frames,
// sessions or partitions, and a learner can follow one key across the logs. Null keys have
// their own class, key-null.
func keyIndex(key string) int {
	return kafkahash.PartitionForKey([]byte(key), keyColours)
}

var keyClasses = func() [keyColours]string {
	var c [keyColours]string
	for i := range c {
		c[i] = "key-" + strconv.Itoa(i)
	}
	return c
}()

// truncate cuts s to n runes, the last of them an ellipsis.
func truncate(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	return string(appendTruncated(nil, s, n))
}

// appendTruncated appends s cut to n runes, the last of them an ellipsis.
func appendTruncated(buf []byte, s string, n int) []byte {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return append(buf, s...)
	}
	i, count := 0, 0
	for i < len(s) && count < n-1 {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	return append(append(buf, s[:i]...), "…"...)
}

// keyPart makes a user-chosen name (a group id, a client id) safe inside a node key: keys are
// paths joined with "/", so a "/" in a name could make two different nodes collide.
func keyPart(s string) string {
	if !strings.ContainsAny(s, "/%") {
		return s
	}
	return strings.NewReplacer("%", "%25", "/", "%2F").Replace(s)
}

func itoa(n int64) string   { return strconv.FormatInt(n, 10) }
func itoa32(n int32) string { return strconv.FormatInt(int64(n), 10) }
func btoa(b bool) string    { return strconv.FormatBool(b) }
func joinIDs(ids []int32) string {
	var sb strings.Builder
	for i, id := range ids {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(itoa32(id))
	}
	return sb.String()
}

// classes joins the non-empty class names.
func classes(names ...string) string {
	var sb strings.Builder
	for _, n := range names {
		if n == "" {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(n)
	}
	return sb.String()
}

// flag returns name when on, "" otherwise: for classes and text that a condition adds.
func flag(on bool, name string) string {
	if on {
		return name
	}
	return ""
}
