package session

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A link carries a whole session in the fragment of a URL (the part after #, which browsers
// never send to a server), so sharing a run needs no server and keeps it between the people
// who share it. The payload is
//
//	v1.<base64url without padding of the raw DEFLATE (RFC 1951) of the session's compact JSON>
//
// "v1" is the link format, which changes only if the wrapping does; the JSON inside carries
// its own format and version like a file does, and is checked the same way (DecodeFile).
// Commands repeat a lot, so a typical session compresses to a tenth of its JSON.
const linkPrefix = "v1."

// MaxLinkChars bounds a link's payload. Browsers and chat tools handle URLs of a few tens of
// kilobytes (Chrome about 2 MB, but many chat and mail tools cut far earlier); past this a file
// is the better way to share, and EncodeLink says so.
const MaxLinkChars = 64 << 10

// errLinkTooLong is EncodeLink's refusal of a session too big for a link.
var errLinkTooLong = errors.New("the session is too long for a link")

// errDamagedLink is the one answer to bad base64 and bad DEFLATE alike: either way part of the
// link is missing or changed, and the learner's fix is the same.
var errDamagedLink = errors.New("the link is damaged or cut short: copy the whole link")

// EncodeLink makes the link payload of a session (see linkPrefix for the format). A session
// whose link would be longer than MaxLinkChars is an error telling the learner to export a
// file instead.
func EncodeLink(f File) (string, error) {
	f.Format, f.Version = Format, Version
	if err := f.Validate(); err != nil {
		return "", err
	}
	js, err := marshal(f, false)
	if err != nil {
		return "", err
	}
	if len(js) > MaxFileBytes {
		return "", fmt.Errorf("%w: export it as a file instead (it is %d bytes of JSON)", errLinkTooLong, len(js))
	}
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return "", err
	}
	w.Write(js) // writes to a bytes.Buffer do not fail
	if err := w.Close(); err != nil {
		return "", err
	}
	link := linkPrefix + base64.RawURLEncoding.EncodeToString(buf.Bytes())
	if len(link) > MaxLinkChars {
		return "", fmt.Errorf("%w (%d characters, at most %d): export it as a file instead", errLinkTooLong, len(link), MaxLinkChars)
	}
	return link, nil
}

// DecodeLink reads a link payload made by EncodeLink and checks the session in it as
// DecodeFile does. It never decompresses more than MaxFileBytes, so a crafted link (a DEFLATE
// bomb) costs no more than a real one.
func DecodeLink(s string) (File, error) {
	if len(s) > MaxLinkChars {
		return File{}, fmt.Errorf("the link is %d characters; a session link is at most %d", len(s), MaxLinkChars)
	}
	body, ok := strings.CutPrefix(s, linkPrefix)
	if !ok {
		if v, _, found := strings.Cut(s, "."); found && len(v) > 1 && len(v) < 10 && v[0] == 'v' {
			return File{}, fmt.Errorf("this link was made by a newer version of the playground (link format %q; this playground reads %q)", v, strings.TrimSuffix(linkPrefix, "."))
		}
		return File{}, errors.New("this is not a Kafka playground session link")
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return File{}, errDamagedLink
	}
	src := bytes.NewReader(raw) // an io.ByteReader: flate reads no further than its stream
	fr := flate.NewReader(src)
	js, err := io.ReadAll(io.LimitReader(fr, MaxFileBytes+1))
	if err != nil {
		return File{}, errDamagedLink
	}
	if len(js) > MaxFileBytes {
		return File{}, fmt.Errorf("the link holds a session of over %d bytes; a session is at most %d (1 MiB)", MaxFileBytes, MaxFileBytes)
	}
	if src.Len() > 0 {
		return File{}, errDamagedLink // bytes after the end of the stream: not what EncodeLink makes
	}
	return DecodeFile(js)
}
