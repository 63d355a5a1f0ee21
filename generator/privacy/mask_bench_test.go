package privacy

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// subDistrictNames are 30,000 names, a few hundred for each common family
// name.
func subDistrictNames() []string {
	surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
	given := []rune("美丽建国秀英志强玉兰德明慧芳小梅国庆桂芳晓燕丽萍立民")
	var names []string
	for i := range 30000 {
		s := surnames[i%len(surnames)]
		g1, g2 := given[(i/len(surnames))%len(given)], given[(i/7)%len(given)]
		names = append(names, fmt.Sprintf("%c%c%c", s, g1, g2))
	}
	return names
}

// BenchmarkMarkup masks a page of prose with the names of a whole
// sub-district (30,000, a few hundred for each common family name).
func BenchmarkMarkup(b *testing.B) {
	m := New(subDistrictNames(), Options{Rooms: true})
	var page strings.Builder
	for page.Len() < 20000 {
		page.WriteString(`<p>楼组长刘美娟带着大家把楼道打扫干净，王师傅修好了<em>扶手</em>。住在301室的陈阿姨说：“高兴！”` +
			`<a href="../x/">张贴</a>了新的公约，周一开会商量停车的事情，黄浦江边的风很大。</p>` + "\n")
	}
	data := []byte(page.String())
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		m.Markup(data)
	}
}

// BenchmarkMarkupPages masks the website's own pages (the build's golden
// files: markup as the templates write it, most of it tags and attributes)
// with the names of a whole sub-district.
func BenchmarkMarkupPages(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("..", "build", "testdata", "golden", "zh-CN", "*.html"))
	if len(paths) == 0 {
		b.Skip("no golden pages under ../build/testdata/golden/zh-CN")
	}
	var pages [][]byte
	size := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
		size += len(data)
	}
	m := New(subDistrictNames(), Options{Rooms: true})
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, p := range pages {
			m.Markup(p)
		}
	}
}
