package web

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"rsc.io/qr/coding"
)

// qrQuietModules is the white border a QR reader needs around the code (the standard's quiet
// zone is four modules).
const qrQuietModules = 4

// QRDataURL draws text as a QR code (error correction level M, which survives a projector's
// glare) in an SVG data: URL for an <img>: the page's Content-Security-Policy allows data:
// images, and an SVG is a few hundred bytes where a PNG would need an image encoder in the
// wasm binary. It uses rsc.io/qr's encoder directly (its top-level package also links an image
// library), choosing the smallest version that holds the text, as that package does.
func QRDataURL(text string) (string, error) {
	code, err := qrCode(text)
	if err != nil {
		return "", err
	}
	return "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(qrSVG(code))), nil
}

func qrCode(text string) (*coding.Code, error) {
	enc := coding.String(text)
	level := coding.M
	v := coding.Version(coding.MinVersion)
	for ; enc.Bits(v) > v.DataBytes(level)*8; v++ {
		if v == coding.MaxVersion {
			return nil, errors.New("the link is too long for a QR code")
		}
	}
	plan, err := coding.NewPlan(v, level, 0)
	if err != nil {
		return nil, err
	}
	return plan.Encode(enc)
}

// qrSVG draws the code's dark modules as one path, one unit square per module.
func qrSVG(c *coding.Code) string {
	side := c.Size + 2*qrQuietModules
	var path strings.Builder
	for y := 0; y < c.Size; y++ {
		for x := 0; x < c.Size; x++ {
			if c.Black(x, y) {
				fmt.Fprintf(&path, "M%d %dh1v1h-1z", x+qrQuietModules, y+qrQuietModules)
			}
		}
	}
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`+
		`<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="%s"/></svg>`, side, side, side, side, path.String())
}
