package session

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// The fuzz targets hold the readers to two promises: no input makes them panic, and what they
// accept they write back and read again unchanged (so an export of an import loses nothing).
// Their seed corpora are the f.Add seeds below and the files in testdata/fuzz/<target>/.

const fuzzFile = `{"format":"kafka-playground-session","version":1,"setup":{"seed":1,"brokers":3,"controllers":3},
"commands":[{"line":"kafka-topics.sh --create --topic t","tick":0},{"line":"kafka-console-producer.sh --topic t","input":["a","b"],"tick":0},
{"line":"tick 10","source":"clock","tick":2},{"line":"broker kill 9","tick":12,"failed":true}],"position":3,
"lesson":{"slug":"failover","digest":"x","step":0,"passed":[false],"answers":[-1],"eventsSeen":0}}`

func FuzzDecodeFile(f *testing.F) {
	f.Add([]byte(fuzzFile))
	f.Add([]byte(`{"format":"kafka-playground-session","version":1,"setup":{"seed":1,"brokers":3,"controllers":3},"commands":[]}`))
	f.Add([]byte(`{"format":"kafka-playground-session","version":2}`))
	f.Add([]byte(`{"format":"kafka-playground-session","version":1,"setup":{"seed":1,"brokers":3,"controllers":3},"commands":[{"line":"tick 9223372036854775807","source":"clock","tick":0},{"line":"tick 9","source":"clock","tick":0}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := DecodeFile(data)
		if err != nil {
			require.Zero(t, file)
			return
		}
		out, err := EncodeFile(file)
		if errors.Is(err, errFileTooBig) {
			return // compact JSON within the cap can be over it indented
		}
		require.NoError(t, err)
		again, err := DecodeFile(out)
		require.NoError(t, err)
		require.Equal(t, file, again)
	})
}

func FuzzDecodeLink(f *testing.F) {
	file, err := DecodeFile([]byte(fuzzFile))
	require.NoError(f, err)
	good, err := EncodeLink(file)
	require.NoError(f, err)
	f.Add(good)
	f.Add(good[:len(good)-5])
	f.Add("v1.")
	f.Add("v2.abc")
	f.Add("v1.S0ksSkwEBAAA__8") // deflate of something that is not a session
	f.Fuzz(func(t *testing.T, s string) {
		file, err := DecodeLink(s)
		if err != nil {
			require.Zero(t, file)
			return
		}
		out, err := EncodeLink(file)
		if errors.Is(err, errLinkTooLong) {
			return // another compressor may have packed it tighter than ours
		}
		require.NoError(t, err)
		again, err := DecodeLink(out)
		require.NoError(t, err)
		require.Equal(t, file, again)
	})
}

func FuzzImportScript(f *testing.F) {
	f.Add("reset --brokers 5 --controllers 1 --seed 9\nkafka-topics.sh --create --topic t\nkafka-console-producer.sh --topic t\nk:v\n  spaced  \n\ntick 3\n")
	f.Add("# comment\n\nbroker kill 1\nreset --seed 2\n")
	f.Add("kafka-console-producer --topic t\n#not a comment\n")
	f.Add("reset --brokers=13\n")
	f.Add("state 'unterminated\n")
	f.Add("\ufeffreset\r\nstate\r\n")
	f.Fuzz(func(t *testing.T, src string) {
		file, err := ImportScript(src)
		if err != nil {
			require.Zero(t, file)
			return
		}
		again, err := ImportScript(ExportScript(file))
		require.NoError(t, err, "exported:\n%s", ExportScript(file))
		require.Equal(t, file, again)
		// Whatever a script makes, a session file can carry.
		out, err := EncodeFile(file)
		if errors.Is(err, errFileTooBig) {
			return
		}
		require.NoError(t, err)
		decoded, err := DecodeFile(out)
		require.NoError(t, err)
		require.Equal(t, file, decoded)
	})
}
