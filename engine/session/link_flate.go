//go:build !(js && wasm)

package session

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
)

func init() { encodeLink = EncodeLink }

// EncodeLink makes the link payload of a session (see linkPrefix for the format).
func EncodeLink(f File) (string, error) {
	js, err := LinkJSON(f)
	if err != nil {
		return "", err
	}
	return WrapLink(Deflate(js))
}

// DecodeLink reads a link payload made by EncodeLink, or by the browser, and checks the
// session in it as DecodeFile does.
func DecodeLink(s string) (File, error) {
	raw, err := UnwrapLink(s)
	if err != nil {
		return File{}, err
	}
	return LinkFile(Inflate(raw, MaxFileBytes))
}

// Deflate is raw DEFLATE (RFC 1951) at the best compression, as links use it.
func Deflate(data []byte) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression) // fails only for a bad level
	w.Write(data)                                        // writes to a bytes.Buffer do not fail
	w.Close()
	return buf.Bytes()
}

// Inflate undoes Deflate, reading no more than max+1 bytes of output (LinkFile says why). A
// stream with bytes after its end is an error: Deflate never makes one.
func Inflate(deflated []byte, max int) ([]byte, error) {
	src := bytes.NewReader(deflated) // an io.ByteReader: flate reads no further than its stream
	out, err := io.ReadAll(io.LimitReader(flate.NewReader(src), int64(max)+1))
	if err != nil {
		return nil, err
	}
	if len(out) <= max && src.Len() > 0 {
		return nil, errors.New("flate: bytes after the end of the stream")
	}
	return out, nil
}
