package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The word pools below are what the demo neighbourhood's records are made
// of: names, places, things bought and the sentences volunteers write. The
// generator draws from them so that every page has realistic Chinese text
// of a realistic length, and so that no two groups read the same.

var surnames = []string{"刘", "王", "陈", "张", "李", "孙", "周", "吴", "徐", "朱", "马", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "沈", "蒋", "钱", "顾", "陆", "姚", "汪", "金", "杜"}

var givenChars = []string{"美", "娟", "建", "国", "晓", "燕", "秀", "英", "立", "民", "玉", "兰", "丽", "平", "志", "刚", "华", "栋", "明", "芳", "伟", "红", "军", "萍", "海", "林", "琴", "强", "敏", "春", "德", "福", "荣", "宝", "珍", "根", "妹", "龙"}

var roles = []string{"议事员", "议事员", "记账员", "监督员", "联络员", "宣传员"}

var brands = []string{"温馨楼组", "美丽楼道", "文明楼组", "和睦楼组", "绿色楼组", "书香楼组", "平安楼组", "敬老楼组", "守望楼组", "暖心楼组"}

var slogans = []string{
	"楼道干净一点，邻里亲近一点", "远亲不如近邻，近邻不如对门", "楼道是大家的，事情商量着办", "一家有事大家帮",
	"把楼道当成自家客厅", "你我多一份心，楼道多一份美", "邻里守望，温暖回家路", "小楼道，大家庭",
	"多敲一次门，多一份关心", "账目公开，大家放心", "人人动手，楼道常新", "老有所依，少有所乐",
}

var communityPrefixes = []struct{ zh, py string }{
	{"工农", "gongnong"}, {"国和", "guohe"}, {"民星", "minxing"}, {"开鲁", "kailu"}, {"嫩江", "nenjiang"},
	{"市光", "shiguang"}, {"佳木斯", "jiamusi"}, {"包头", "baotou"}, {"延吉", "yanji"}, {"黄兴", "huangxing"},
	{"翔殷", "xiangyin"}, {"兰花", "lanhua"}, {"政立", "zhengli"}, {"民府", "minfu"}, {"闸殷", "zhayin"},
	{"殷行", "yinhang"}, {"开鲁新", "kailuxin"}, {"国顺", "guoshun"}, {"长海", "changhai"}, {"中原", "zhongyuan"},
}

var communitySuffixes = []struct{ zh, py string }{
	{"一村", "yicun"}, {"二村", "ercun"}, {"三村", "sancun"}, {"四村", "sicun"}, {"五村", "wucun"},
	{"新村", "xincun"}, {"苑", "yuan"}, {"小区", "xiaoqu"}, {"花园", "huayuan"}, {"东村", "dongcun"},
}

var streets = []string{"殷行路", "开鲁路", "国和路", "民星路", "嫩江路", "市光路", "包头路", "闸殷路", "政立路", "黄兴路", "翔殷路", "延吉东路"}

// expenseItems are things a group buys: item, category, low and high price
// in yuan.
var expenseItems = []struct {
	item, category string
	lo, hi         int
}{
	{"扫帚、拖把、垃圾袋", "清洁用品", 30, 80}, {"洗洁精、抹布、手套", "清洁用品", 25, 60}, {"楼道灭蚊灯一台", "清洁用品", 60, 120},
	{"楼道绿植：绿萝、虎尾兰", "绿植", 80, 260}, {"补种绿植、花土、肥料", "绿植", 40, 120}, {"绿植越冬换盆、防寒布", "绿植", 30, 90},
	{"春联、福字、窗花", "节日活动", 30, 80}, {"元宵节汤圆", "节日活动", 80, 160}, {"端午节包粽子材料", "节日活动", 100, 220},
	{"中秋月饼，慰问独居老人", "节日活动", 150, 320}, {"重阳节看望高龄老人水果", "节日活动", 120, 260}, {"冬至聚餐饮料补贴", "节日活动", 60, 140},
	{"LED灯泡", "灯泡", 20, 90}, {"声控灯开关更换", "灯泡", 30, 70}, {"楼道排风扇维修", "维修", 50, 150},
	{"楼道墙面局部修补涂料", "维修", 90, 260}, {"信报箱更换门锁", "维修", 40, 110}, {"扶手防锈漆", "维修", 60, 160},
	{"公告栏一块（软木板、铝框）", "公告栏", 180, 320}, {"公告栏照片更新冲印", "打印照片", 20, 60}, {"打印楼组公约、签名表", "打印照片", 15, 40},
	{"冲印全家福并配相框", "打印照片", 200, 380}, {"打印年度账目公示", "打印照片", 15, 40}, {"楼道堆物清运，租三轮车", "清运", 60, 160},
	{"议事会茶水", "议事", 20, 60}, {"意见箱一只", "议事", 30, 70},
}

var incomeItems = []struct{ item, category string }{
	{"楼组自愿筹款", "筹款"}, {"楼组自愿筹款", "筹款"}, {"楼组自愿筹款", "筹款"},
	{"居委会美丽楼道评比奖励", "奖励"}, {"旧报纸纸板义卖", "义卖"}, {"物业公司公益支持", "奖励"},
}

var participantsPool = []string{"居民代表", "楼组长", "楼组议事员", "社区民警", "物业公司", "居委会", "业委会", "社区规划师", "绿化养护单位", "停车管理小组志愿者", "律师志愿者", "社区社会组织"}

var topics = []struct{ title, slug, problem string }{
	{"电瓶车充电难", "charging", "电瓶车充电"}, {"停车位重新划分", "parking", "停车"}, {"垃圾投放点美化", "garbage", "垃圾投放点"},
	{"楼前绿化带调整", "greenbelt", "绿化带"}, {"加装电梯征求意见", "elevator", "加装电梯"}, {"楼道堆物清理", "clutter", "楼道堆物"},
	{"非机动车棚改造", "bikeshed", "非机动车棚"}, {"雨棚漏水维修", "awning", "雨棚漏水"}, {"楼道照明改造", "lights", "楼道照明"},
	{"宠物饲养公约", "pets", "宠物饲养"},
}

var activityKinds = []struct{ title, slug string }{
	{"楼道清洁日", "cleanup"}, {"中秋邻里茶话会", "mid-autumn"}, {"重阳节敬老活动", "elderly"}, {"绿植认养", "adopt-green"},
	{"垃圾分类宣传", "sorting"}, {"消防安全演练", "fire-drill"}, {"暑期儿童读书会", "reading"}, {"端午包粽子", "dragon-boat"},
}

var articles = []string{
	"楼道是大家的公共空间，楼道和楼梯转角不堆放杂物、旧家具和纸箱。",
	"自家门口自家管：门前每天顺手扫一扫，鞋架、垃圾袋不放在门外。",
	"自行车、电瓶车不进楼道；电瓶车不在楼道里充电，不从窗口往下拉“飞线”。",
	"垃圾分类、按时投放：早上7点到9点、傍晚6点到8点送到楼下投放点，垃圾不在楼道里过夜。",
	"晚上10点到第二天早上6点是休息时间，装修、搬东西、大声说话都请停一停。",
	"家里装修，提前一周在公告栏贴出告示，写明施工时间和联系电话；完工后把楼道清扫干净。",
	"楼里有独居和高龄老人，邻居之间多敲门问一声，有事搭把手。",
	"楼组的钱每一笔都记账，每季度在公告栏公示；有疑问可以找监督员当面问。",
	"新邻居搬来时，由楼组长上门介绍这份公约。",
	"养宠物的家庭出门牵绳，及时清理宠物粪便，不让宠物在楼道里便溺。",
	"阳台上不放易坠落的花盆和杂物，晾晒衣物不滴水到楼下。",
	"楼道里的绿植由各层认养人负责浇水，出远门请托邻居照看。",
	"公共的事在议事会上商量，少数服从多数，商量定了大家一起遵守。",
	"消防通道和楼门口不停车、不堆物，保证救护车、消防车进得来。",
}

var fillers = []string{
	"{aunt}住在{room}室，是楼里的热心人，谁家有事都愿意搭把手。",
	"{month}月{day}日是个星期六，议事小组先在公告栏贴了通知，又在楼组群里说了三遍。",
	"楼道里什么都有：旧沙发、纸箱、腌菜缸，一楼转角常年停着两辆自行车，老人下楼要侧着身子走。",
	"大部分东西当天就有了主人，旧家具卖给了收废品的师傅，还能用的椅子送给了小区门口修车的老李。",
	"下午几位阿姨拎着水桶把楼梯扶手擦了一遍，{master}借来三轮车拉了两趟。",
	"大家商量下来，第一件事就从文明楼道开始——楼道干净了，邻居们天天都看得见。",
	"楼组的成果贴上了楼道的墙：改造前后的照片、公约上的签名、每一笔开销。",
	"看得见的变化，让更多人愿意出一份力，连平时不大出门的年轻租客也来帮忙。",
	"居委会联系社区社会组织，请来专业力量，和居民一起搭起了楼组自治的“暖心小屋”。",
	"住了几十年的邻居，以前见面只是点个头，现在走廊里碰到总要聊上几句。",
	"这件事前前后后商量了三次，意见不一样的地方，大家摆到桌面上说清楚。",
	"{aunt}说：“事情是大家的，钱是大家的，账当然也要让大家看得明明白白。”",
	"清洁用的扫帚、水桶都是楼组筹款买的，明细贴在一楼公告栏上，谁都可以看。",
	"{month}月以后，楼道里添了十几盆绿植，二楼转角装了公告栏，贴公约、账目和活动照片。",
	"{master}退休前是电工，楼里的灯坏了、开关松了，他拿着工具箱一会儿就修好。",
	"年纪大的老人腿脚不方便，议事员就一户一户上门去问，把意见记在议事本上。",
	"到{month}月底共收回意见{n}份，大家的想法五花八门，但有几条说的人最多。",
	"这次一共来了{n}位邻居，最大的八十多岁，最小的还在读幼儿园。",
	"活动结束以后，大家在一楼门厅喝了茶，商量下一次再做点什么。",
	"照片洗出来以后每户送了一张，还有一张放大的贴在公告栏上，经过的人总要停下来找一找自己。",
	"物业公司派来的师傅看了现场，说这个办法可行，费用也不高。",
	"社区民警讲了电瓶车在家里充电的危险，好几位老人听完当场表示不再把电池拎上楼。",
	"居委会把大家的意见汇总成一张表，哪些马上能办，哪些要找物业，哪些要报街道，一条一条写清楚。",
	"有人担心费用，{aunt}把账本翻开给大家看：钱从哪里来、花到哪里去，一目了然。",
	"孩子们给楼道里的花浇水，把枯叶摘掉，还画了几张“请勿堆物”的小提示贴在墙上。",
	"这一年下来，楼道里再没有人堆东西，进出门还会顺手把自家门口扫一扫。",
	"楼组长每个月在楼组群里发一次小结，做了什么、花了多少、下个月打算做什么。",
	"{month}月{day}日的议事会上，大家举手表决，多数人同意先试行三个月再说。",
}

// name returns a full Chinese name.
func name(r *rand.Rand) string {
	n := pick(r, surnames) + pick(r, givenChars)
	if r.IntN(4) != 0 {
		n += pick(r, givenChars)
	}
	return n
}

// aunt returns how neighbours call an older resident: 刘阿姨, 王师傅.
func aunt(r *rand.Rand) string {
	return pick(r, surnames) + pick(r, []string{"阿姨", "阿姨", "师傅", "老师", "伯伯", "奶奶"})
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// fill replaces the placeholders of a sentence template.
func fill(r *rand.Rand, s string) string {
	for _, ph := range []struct {
		key string
		val func() string
	}{
		{"{aunt}", func() string { return aunt(r) }},
		{"{master}", func() string { return pick(r, surnames) + "师傅" }},
		{"{room}", func() string { return fmt.Sprintf("%d0%d", 1+r.IntN(6), 1+r.IntN(4)) }},
		{"{month}", func() string { return fmt.Sprint(1 + r.IntN(12)) }},
		{"{day}", func() string { return fmt.Sprint(1 + r.IntN(28)) }},
		{"{n}", func() string { return fmt.Sprint(8 + r.IntN(30)) }},
	} {
		for strings.Contains(s, ph.key) {
			s = strings.Replace(s, ph.key, ph.val(), 1)
		}
	}
	return s
}

// paragraph joins n filler sentences.
func paragraph(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(fill(r, pick(r, fillers)))
	}
	return b.String()
}

// paragraphs returns n paragraphs of 2–4 sentences, separated by blank
// lines. Some are wrapped across lines as editors do, which the CJK
// extension must join without a stray space.
func paragraphs(r *rand.Rand, n int) string {
	var ps []string
	for range n {
		p := paragraph(r, 2+r.IntN(3))
		if r.IntN(3) == 0 {
			if i := strings.Index(p, "。"); i > 0 && i+len("。") < len(p) {
				p = p[:i+len("。")] + "\n" + p[i+len("。"):]
			}
		}
		ps = append(ps, p)
	}
	return strings.Join(ps, "\n\n")
}

// bullets returns a markdown list of n filler sentences.
func bullets(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		s := fill(r, pick(r, fillers))
		s = strings.TrimSuffix(s, "。")
		b.WriteString("- " + s + "；\n")
	}
	return b.String()
}
