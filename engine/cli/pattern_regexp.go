//go:build !(js && wasm)

package cli

import "regexp"

func init() {
	TopicPattern = func(pat string) (func(string) bool, error) {
		re, err := regexp.Compile("^(?:" + pat + ")$")
		if err != nil {
			return nil, err
		}
		return re.MatchString, nil
	}
}
