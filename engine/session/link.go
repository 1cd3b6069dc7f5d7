package session

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode"
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
//
// The DEFLATE itself is not done here. On the host, EncodeLink and DecodeLink use Go's
// compress/flate (link_flate.go). The browser has DEFLATE built in (CompressionStream), which
// keeps Go's, about 24 KB of the compressed download, out of the wasm build; it calls the
// steps around it: LinkJSON, then WrapLink to make a link, UnwrapLink, then LinkFile to open one.
const linkPrefix = "v1."

// LinkFragmentPrefix starts the fragment of a session link: <playground URL>#session=<payload>.
const LinkFragmentPrefix = "#session="

// LinkURL is the link that opens payload in the playground served at base.
func LinkURL(base, payload string) string { return base + LinkFragmentPrefix + payload }

// LinkPayload finds the payload in a link as it is pasted, a whole URL or its fragment, one
// word with nothing else around it. It reports false for anything else, a script that mentions
// a link included.
//
//	http://localhost:8080/#session=v1.abc  ->  v1.abc
//	#session=v1.abc                        ->  v1.abc
//	v1.abc                                 ->  false (a file name could look like that)
//	broker kill 1 #session=v1.abc          ->  false
func LinkPayload(text string) (string, bool) {
	text = strings.TrimSpace(text)
	if strings.ContainsFunc(text, unicode.IsSpace) {
		return "", false
	}
	_, p, ok := strings.Cut(text, LinkFragmentPrefix)
	return p, ok
}

// encodeLink is EncodeLink where Go's DEFLATE is built in (link_flate.go), and nil in the
// browser, which makes links with its own.
var encodeLink func(File) (string, error)

// MaxLinkChars bounds a link's payload. Browsers and chat tools handle URLs of a few tens of
// kilobytes (Chrome about 2 MB, but many chat and mail tools cut far earlier); past this a file
// is the better way to share, and EncodeLink says so.
const MaxLinkChars = 64 << 10

// errLinkTooLong is EncodeLink's refusal of a session too big for a link.
var errLinkTooLong = errors.New("the session is too long for a link")

// errDamagedLink is the one answer to bad base64 and bad DEFLATE alike: either way part of the
// link is missing or changed, and the learner's fix is the same.
var errDamagedLink = errors.New("the link is damaged or cut short: copy the whole link")

// LinkJSON is what a link compresses: the session's compact JSON, checked as a file is. A
// session too big for any link is an error telling the learner to export a file instead.
func LinkJSON(f File) ([]byte, error) {
	f.Format, f.Version = Format, Version
	if err := f.Validate(); err != nil {
		return nil, err
	}
	js, err := marshal(f, false)
	if err != nil {
		return nil, err
	}
	if len(js) > MaxFileBytes {
		return nil, fmt.Errorf("%w: export it as a file instead (it is %d bytes of JSON)", errLinkTooLong, len(js))
	}
	return js, nil
}

// WrapLink makes the link payload from the raw DEFLATE of LinkJSON's bytes. A link longer than
// MaxLinkChars is an error telling the learner to export a file instead.
func WrapLink(deflated []byte) (string, error) {
	link := linkPrefix + base64.RawURLEncoding.EncodeToString(deflated)
	if len(link) > MaxLinkChars {
		return "", fmt.Errorf("%w (%d characters, at most %d): export it as a file instead", errLinkTooLong, len(link), MaxLinkChars)
	}
	return link, nil
}

// UnwrapLink takes a link payload apart down to its raw DEFLATE bytes, refusing what is too
// long, not a session link, from a newer playground, or not base64.
func UnwrapLink(s string) ([]byte, error) {
	if len(s) > MaxLinkChars {
		return nil, fmt.Errorf("the link is %d characters; a session link is at most %d", len(s), MaxLinkChars)
	}
	body, ok := strings.CutPrefix(s, linkPrefix)
	if !ok {
		if v, _, found := strings.Cut(s, "."); found && len(v) > 1 && len(v) < 10 && v[0] == 'v' {
			return nil, fmt.Errorf("this link was made by a newer version of the playground (link format %q; this playground reads %q)", v, strings.TrimSuffix(linkPrefix, "."))
		}
		return nil, errors.New("this is not a Kafka playground session link")
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return nil, errDamagedLink
	}
	return raw, nil
}

// LinkFile opens what a link's DEFLATE stream held, as inflated by a decoder that stops after
// MaxFileBytes+1 bytes, so that a crafted link (a DEFLATE bomb) costs no more than a real one.
// inflateErr is the decoder's: a stream that is corrupt, cut short or followed by more bytes.
func LinkFile(js []byte, inflateErr error) (File, error) {
	if inflateErr != nil {
		return File{}, errDamagedLink
	}
	if len(js) > MaxFileBytes {
		return File{}, fmt.Errorf("the link holds a session of over %d bytes; a session is at most %d (1 MiB)", MaxFileBytes, MaxFileBytes)
	}
	return DecodeFile(js)
}
