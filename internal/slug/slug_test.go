package slug

import "testing"

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Web3", "web3"},
		{"Hong Kong", "hong-kong"},
		{"C++", "c"},
		{"SFC / VASP", "sfc-vasp"},
		{"数字资产", "数字资产"},
		{"香港证监会：虚拟资产，“新规”。", "香港证监会-虚拟资产-新规"},
		{"数字资产 Web3 政策", "数字资产-web3-政策"},
		{"  --Leading and trailing--  ", "leading-and-trailing"},
		{"a___b...c", "a-b-c"},
		{"Über Straße", "über-straße"},
		{"ΣΊΣΥΦΟΣ", "σίσυφοσ"},
		{"China's stance", "chinas-stance"},
		{"China’s stance", "chinas-stance"},
		{"'quoted'", "quoted"},
		{"rock 'n' roll", "rock-n-roll"},
		{"Ｗｅｂ３ 全角", "web3-全角"},
		{"cafe\u0301 au lait", "cafe\u0301-au-lait"}, // decomposed accent kept with its letter
		{"\u0301alone", "alone"},                     // a mark with nothing to attach to is dropped
		{"日本語のテキスト", "日本語のテキスト"},
		{"한국어 제목", "한국어-제목"},
		{"2024年第3季度", "2024年第3季度"},
		{"v1.2.3", "v1-2-3"},
		{"emoji 🚀 launch", "emoji-launch"},
		{"tab\tand\nnewline", "tab-and-newline"},
		{"", ""},
		{"+++", ""},
		{"，。“”", ""},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMakeIsIdempotent(t *testing.T) {
	for _, in := range []string{"Hong Kong", "香港证监会：虚拟资产", "China's stance", "Ｗｅｂ３ 全角", "SFC / VASP"} {
		once := Make(in)
		if twice := Make(once); twice != once {
			t.Errorf("Make(Make(%q)) = %q, want %q", in, twice, once)
		}
	}
}

func TestKey(t *testing.T) {
	same := [][]string{
		{"Web3", "web3", "ＷＥＢ３", "Ｗｅｂ３", " WEB3 "},
		{"white paper", "white-paper", "White_Paper", "whitepaper", "white\u00a0paper", "white\u2013paper"},
		{"Hong Kong", "HongKong", "hong kong"},
		{"数字人民币", "数字 人民币"},
	}
	for _, group := range same {
		for _, name := range group[1:] {
			if Key(name) != Key(group[0]) {
				t.Errorf("Key(%q) = %q, Key(%q) = %q: want one key", name, Key(name), group[0], Key(group[0]))
			}
		}
	}
	differ := [][2]string{{"C++", "C"}, {"funding", "fundng"}, {"Web3", "Web2"}, {"CBDC", "CBDCs"}}
	for _, d := range differ {
		if Key(d[0]) == Key(d[1]) {
			t.Errorf("Key(%q) == Key(%q): want different keys", d[0], d[1])
		}
	}
}
