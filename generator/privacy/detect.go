package privacy

import (
	"strings"
	"unicode/utf8"
)

// Span is a likely personal name found in text: text[Start:End] == Name.
type Span struct {
	Start, End int
	Name       string
}

// Likely returns the likely personal names in text that are not in known, in order.
// known may be nil. Whole names, not overlapping.
//
// The rule: a common surname (single or double) followed by a one- or
// two-character given name made of characters people are named with, in a
// context that makes it a name (a role or thanks before it, an honorific or a
// verb of speech after it, a list or a bracket around it). A surname followed
// directly by an honorific (刘阿姨, 王师傅) is the privacy-safe form volunteers
// are asked to write and is not reported. The person tagging of the gse
// segmenter was measured on the same fixture and lost on every count:
// precision 0.06 to 0.19, recall 0.12 to 0.39, 0.09 to 11 MB/s, 3 to 10 s to
// load a dictionary that adds 35 MB to the binary.
//
// Likely is written for the site build, which scans all prose: text without
// surname characters costs one table look-up per character and no allocation.
func Likely(text string, known func(name string) bool) []Span {
	var out []Span
	for i := 0; i < len(text); {
		c := text[i]
		if c < 0xE4 || c > 0xE9 || i+2 >= len(text) {
			// Not a CJK unified ideograph (U+4E00..U+9FFF all start with
			// 0xE4..0xE9 and take three bytes): skip the byte, or the whole
			// rune when it is a lead byte, without decoding.
			i += leadLen(c)
			continue
		}
		c1, c2 := text[i+1], text[i+2]
		if c1&0xC0 != 0x80 || c2&0xC0 != 0x80 {
			i++
			continue
		}
		r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
		if !startBits.has(r) {
			i += 3
			continue
		}
		if end, ok := nameAt(text, i, r); ok {
			name := text[i:end]
			if known == nil || !known(name) {
				out = append(out, Span{Start: i, End: end, Name: name})
			}
			i = end
			continue
		}
		i += 3
	}
	return out
}

// leadLen is how far to skip from a byte that does not start a CJK
// ideograph: a lead byte skips its whole rune, anything else one byte (a
// stray continuation byte or invalid input must still make progress).
func leadLen(c byte) int {
	switch {
	case c >= 0xF0 && c <= 0xF4:
		return 4
	case c >= 0xE0 && c <= 0xEF:
		return 3
	case c >= 0xC2 && c <= 0xDF:
		return 2
	}
	return 1
}

// nameAt decides whether a name starts at text[i:], whose first rune is in
// startBits, and returns where it ends.
func nameAt(text string, i int, r0 rune) (int, bool) {
	rest := text[i:]
	sLen := 0
	double := false
	if doubleFirstBits.has(r0) {
		for _, d := range doubleSurnames {
			if strings.HasPrefix(rest, d) {
				sLen, double = len(d), true
				break
			}
		}
	}
	if !double {
		if !surnameBits.has(r0) {
			return 0, false
		}
		sLen = utf8.RuneLen(r0)
		// Most surname characters in prose start ordinary words: one look-up
		// of the next character rules them out before anything costlier.
		if g1, _ := utf8.DecodeRuneInString(rest[sLen:]); !isGiven1(g1) {
			return 0, false
		}
		// 小王, 老张, 阿李: a nickname, not a full name.
		if p, _ := utf8.DecodeLastRuneInString(text[:i]); p == '小' || p == '老' || p == '阿' {
			return 0, false
		}
	}
	if negatives.prefixOf(rest) {
		return 0, false
	}
	// 东方, 西门, 第五 and 百里 are ordinary words far more often than
	// surnames: they get no benefit of the doubt.
	if double && wordlikeDoubles.prefixOf(rest) {
		double = false
	}
	given := rest[sLen:]
	// 刘阿姨, 王师傅, 于书记: the form volunteers are told to write.
	if honorifics.prefixOf(given) {
		return 0, false
	}
	g1, n1 := utf8.DecodeRuneInString(given)
	g2, n2 := utf8.DecodeRuneInString(given[n1:])
	left := leftContext(text[:i])

	// Surname and two given characters: 刘美娟, 赵小梅, 陈阿毛.
	if n1 > 1 && n2 > 1 && isGiven1(g1) && (givenBits.has(g2) || g1 == '阿' && strings.ContainsRune(afterA, g2)) &&
		!givenNegatives.prefixOf(given) {
		end := i + sLen + n1 + n2
		after := text[end:]
		if !placeSuffixes.prefixOf(after) {
			right := rightContext(after, true)
			if left != ctxNone || right != ctxNone || double {
				return end, true
			}
		}
	}
	// Surname and one given character (张伟, 马丽): common words look like
	// this too (方便, 高兴), so it needs a clearer context on both sides.
	if n1 > 1 && givenBits.has(g1) {
		end := i + sLen + n1
		after := text[end:]
		if placeSuffixes.prefixOf(after) {
			return 0, false
		}
		right := rightContext(after, false)
		switch {
		case right == ctxStrong && left != ctxNone:
			return end, true
		case right == ctxBoundary && (left == ctxStrong || left == ctxBoundary):
			return end, true
		case right == ctxStrong && double:
			return end, true
		}
	}
	return 0, false
}

// isGiven1 reports whether r can be the first of two given-name characters:
// 小 and 阿 start many given names (赵小梅, 陈阿毛) but never stand alone.
func isGiven1(r rune) bool { return r == '小' || r == '阿' || givenBits.has(r) }

type context int

const (
	ctxNone     context = iota
	ctxWeak             // a particle that often precedes a name (是, 和, 由)
	ctxBoundary         // punctuation, a digit, the start or end of the text
	ctxStrong           // a role, thanks, an honorific or a verb of speech
)

// leftContext classifies what precedes a candidate name.
func leftContext(before string) context {
	if before == "" {
		return ctxBoundary
	}
	if leftCues.suffixOf(before) {
		return ctxStrong
	}
	p, _ := utf8.DecodeLastRuneInString(before)
	switch {
	case isBoundary(p) || p >= '0' && p <= '9':
		return ctxBoundary
	case strings.ContainsRune(weakLeft, p):
		return ctxWeak
	}
	return ctxNone
}

// rightContext classifies what follows a candidate name; three-character
// candidates accept a wider set of following words.
func rightContext(after string, wide bool) context {
	if after == "" {
		return ctxBoundary
	}
	if honorifics.prefixOf(after) || rightCues.prefixOf(after) {
		return ctxStrong
	}
	r, _ := utf8.DecodeRuneInString(after)
	if isBoundary(r) || r >= '0' && r <= '9' {
		return ctxBoundary
	}
	if wide && strings.ContainsRune(weakRight, r) {
		return ctxWeak
	}
	return ctxNone
}

func isBoundary(r rune) bool {
	if r < 0x80 {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}
	return strings.ContainsRune(boundaries, r)
}

// The tables below are built once from the word lists and only read.

const (
	cjkFirst = 0x4E00
	cjkLast  = 0x9FFF
)

// runeSet is a bitset over the CJK unified ideographs: one AND per look-up
// keeps the scan of name-free text fast.
type runeSet [(cjkLast-cjkFirst)/64 + 1]uint64

func newRuneSet(lists ...string) *runeSet {
	s := new(runeSet)
	for _, l := range lists {
		for _, r := range l {
			if r >= cjkFirst && r <= cjkLast {
				s[(r-cjkFirst)>>6] |= 1 << ((r - cjkFirst) & 63)
			}
		}
	}
	return s
}

func (s *runeSet) has(r rune) bool {
	if r < cjkFirst || r > cjkLast {
		return false
	}
	return s[(r-cjkFirst)>>6]&(1<<((r-cjkFirst)&63)) != 0
}

// surnames are the most common single-character surnames. Characters that
// are far more often ordinary words than surnames in neighbourhood records
// (的, 都, 来, 区, 楼, 门, 边, 和, 明, 平…) are left out; the look-alikes that remain (高兴,
// 方便, 周一) are handled by negatives and by the context rules.
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟臧闵苟邬卞姬仇栾隋刁荣巫寇桑郎甄仲虞敖巩佘查苑迟邝谈匡鞠惠荆乐冀郁胥储栗燕楚鄢谌奚粟冼蔺闻伊郜阚屠朴廉禹丰狄晋芮鹿邸雍辜裘亓邰赫杭逯茹诸慕嵇湛茅萧赖洪"

// doubleSurnames are tried before the single surname of their first character.
var doubleSurnames = []string{
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
	"宇文", "司徒", "夏侯", "令狐", "端木", "西门", "南宫", "独孤", "呼延", "闻人",
	"轩辕", "澹台", "申屠", "太史", "钟离", "司空", "百里", "东郭", "第五", "万俟",
}

// givenChars are characters common in given names of residents of all ages
// (建国, 秀英, 美娟, 晓峰, 思远). Characters that mostly make ordinary words
// after a surname character (家, 和, 子, 大, 天, 全) are left out.
const givenChars = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华玉萍红兰珍梅凤玲燕建国志文德海林云春生新民荣成福清金宝永东立庆昌贵祥才发胜利亮俊斌辉鹏宇浩凯健晨婷雪琳欣洁倩颖慧佳宁晶晓思嘉雨欢悦琪瑶蕾薇婉美淑惠巧翠彩素月琴香菊莲荷爱丹青珠翔飞鸿峰波江山河龙虎彪武彬振兴伦仁义礼智信忠孝廉耀光祖宗学书晖卫兵钢锋群力勤俭良善正康安乐喜瑞祺禄寿富茂盛旺达通顺泰进秋冬桃杏梓楠涵轩宸睿博彦晟熙铭皓琦璐露媛妍娇婧妮菲芬芝蓉茜莉萱芸芹苗若蕊瑾瑜璇琼瑛珊玫娥娣娅娴贤懿敬恩泽润沛霖雯凝冰莹珂琛怡然诗韵彤童楚曦昕旭昊昱升腾鹰麟岩岭川澄津潇湘汉中邦根保元晴阳亚毅坚雄豪宏洪泉源森松柏桦竹苹霏君夫仙娥惠珍妹凡尧舜禹锦绣缘育培植树槐桐枫叶秉承继祯莺鹤鸣声音乔琛琰璋瑶绮纯洁真兆益增添喆哲靖远业"

// wordlikeDoubles are double surnames that are also ordinary words.
var wordlikeDoubles = newWordList("东方 西门 第五 百里 长孙 南宫 公孙 太史")

// afterA are second characters of old-style names starting with 阿 (陈阿毛).
const afterA = "毛根宝福狗三四五六大二娣妹珍英荣林金水"

var (
	surnameBits     = newRuneSet(surnames)
	startBits       = newRuneSet(surnames, firstRunes(doubleSurnames))
	doubleFirstBits = newRuneSet(firstRunes(doubleSurnames))
	givenBits       = newRuneSet(givenChars)
	negatives       = newWordList(negativeWords)
)

func firstRunes(words []string) string {
	var b strings.Builder
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(r)
	}
	return b.String()
}

// wordList finds which of its words starts (or ends) a string with one
// bitset test and, on a hit, one map look-up, instead of comparing every word.
type wordList struct {
	first, last     *runeSet
	byFirst, byLast map[rune][]string
}

func newWordList(words string) *wordList {
	l := &wordList{byFirst: map[rune][]string{}, byLast: map[rune][]string{}}
	var firsts, lasts strings.Builder
	for _, w := range strings.Fields(words) {
		f, _ := utf8.DecodeRuneInString(w)
		z, _ := utf8.DecodeLastRuneInString(w)
		l.byFirst[f] = append(l.byFirst[f], w)
		l.byLast[z] = append(l.byLast[z], w)
		firsts.WriteRune(f)
		lasts.WriteRune(z)
	}
	l.first, l.last = newRuneSet(firsts.String()), newRuneSet(lasts.String())
	return l
}

// prefixOf reports whether s starts with one of the words.
func (l *wordList) prefixOf(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !l.first.has(r) {
		return false
	}
	for _, w := range l.byFirst[r] {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// suffixOf reports whether s ends with one of the words.
func (l *wordList) suffixOf(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	if !l.last.has(r) {
		return false
	}
	for _, w := range l.byLast[r] {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// honorifics follow a surname in the privacy-safe form (刘阿姨) and follow a
// full name as a strong cue (赵小梅阿姨). Longer forms come first.
var honorifics = newWordList(`
阿姨 阿婆 阿公 阿伯 阿叔 阿爹 阿奶 阿哥 阿妹 老伯伯 老伯 老师 老人家 老太太 老太 老先生
老爷子 老奶奶 老同志 老党员 老大爷 老阿姨 老两口 伯伯 伯母 叔叔 婶婶 师傅 师父 爷爷 奶奶 大爷 大妈
大伯 大叔 大姐 大哥 大嫂 婆婆 外婆 外公 姐姐 哥哥 同志 先生 女士 小姐 太太 书记 主任 楼组长
副组长 组长 队长 经理 会计 医生 护士 警官 民警 老板 局长 校长 院长 所长 主席 委员 部长 科长
教授 博士 律师 站长 馆长 园长 班长 厂长 处长 总 工 某 氏`)

// leftCues end right before a name: a role, thanks, a room.
var leftCues = newWordList(`
居民 住户 业主 租户 志愿者 热心人 记账员 记账 监督员 经手人 经办人 审核人 审核 复核 核对人 签名
签字 签收人 负责人 联系人 记录人 记录员 记录 主持人 摄影师 教师 老师 医生 护士 民警 警官 保安
经理 会计 出纳 管理员 调解员 清运工 保洁员 值守员 代表 党员 楼组长 组长 队长 书记 主任 委员
成员 同学 小朋友 作者 爱好者 感谢 谢谢 致谢 表扬 交给 转交 联系 请教 邻居 老人 爱人 丈夫
妻子 儿子 女儿 孙子 孙女 老伴 母亲 父亲 姐姐 妹妹 哥哥 弟弟 室的 室 号楼的 楼的 户的 单元的
由 找 师傅`)

// weakLeft are particles that often stand before a name.
const weakLeft = "是和与及给请找向跟同让叫对把被为替帮有即的着了"

// rightCues start right after a name: speech, roles, actions.
var rightCues = newWordList(`
说 讲 表示 提出 提议 建议 负责 带领 主持 认为 介绍 告诉 同志 等人 等 一家 夫妇 老两口 两口子
姐弟 兄弟 姐妹 母女 父子 母子 父女 和 与 及 反映 发言 回答 提醒 强调 签字 签名 核对 捐`)

// weakRight start after a three-character name in running text.
const weakRight = "的家在把为从给会也都是今已一两三几自亲拍设垫签捐送做来去到帮住因想觉发看问希带老每代还就又先再才刚正将曾所"

// boundaries are punctuation and spaces that delimit list items and quotes.
const boundaries = "、，。；：！？（）【】《》〈〉「」『』“”‘’…—·　～"

// placeSuffixes after a candidate make it a place, shop or road (金山路,
// 华联超市), never a name.
var placeSuffixes = newWordList(`
路 街 道 巷 弄 村 里 苑 小区 超市 店 公司 银行 医院 学校 广场 公园 站 镇 区 县 市 省 桥 江
河 湖 山 寺 庙 塔 大厦 大楼 中心 花园 新村 公寓 宾馆 酒店 饭店 菜场 市场 商场 中学 小学 大学
幼儿园 派出所 居委 街道 乡 港 湾 岛 堂 馆 院 所 厂 局 营 坊 园 城 州 门 口 井 浜 泾 塘 桥 庄
屯 湾 坝 号 牌`)

// givenNegatives are ordinary words that would otherwise pass as a
// two-character given name (王小区, 李明天).
var givenNegatives = newWordList(`
小区 小时 小组 小学 小孩 小朋友 小姐 小伙 小店 小路 小心 小事 小吃 小卖 小票 小型 小狗 小猫
明天 明年 明白 明显 明亮 安全 安静 安排 安装 平安 平时 平台 平方 平均 文明 文化 文件 文字
东西 东边 东侧 春天 秋天 冬天 新年 新的 生活 生日 学校 学习 国家 元旦 正在 正常 正月
海报 江边 山上 林荫 美丽 清洁 清理 清运 清单 通知 通道 进行 进来 发现 发放 成员 成本 利用
立即 光荣 兴趣 信息 信箱 保洁 保安 保持 保管 保温 健康 乐观 喜欢 富裕 达到 顺便 泰山 中心
中午 中间 根据 元素 晴天 阳光 阳台 宝宝 金额 银行 树叶 叶子 声音 真的 增加`)

// negativeWords are ordinary words starting with a surname character (高兴,
// 方便, 周一, 王府井); a candidate starting with one of them is no name.
const negativeWords = `
王府井 东方明珠 王国 王牌 王者 李子 李子树 张贴 张开 张望 张罗 张灯 陈旧 陈列 陈设 陈述 杨树 杨柳
杨浦 黄色 黄昏 黄金 黄浦 黄梅 黄瓜 黄豆 黄河 黄山 赵家 吴淞 吴江 周一 周二 周三 周四 周五
周六 周日 周末 周年 周边 周围 周到 周期 周岁 周全 周转 周知 徐汇 徐家汇 孙子 孙女 孙辈 马上
马路 马桶 马虎 马甲 马达 马克 朱红 朱家角 胡同 胡乱 胡子 胡椒 郭外 何时 何处 何况 何必 何等
高兴 高层 高楼 高度 高温 高峰 高龄 高铁 高压 高明 高级 高中 高考 高速 高效 高桥 高大 高空
林荫 林业 林立 罗店 郑重 梁上 谢谢 谢绝 宋体 唐突 许多 许可 许久 许愿 韩国 冯家 邓家 曹杨
曹家渡 彭浦 曾经 曾孙 肖像 田地 田间 田埂 董事 袁家 潘家 于是 于此 蒋家 蔡家 余额 余下 余地
杜绝 叶子 程序 程度 苏州 魏家 吕梁 丁香 任何 任务 任意 沈阳 姚家 卢湾 姜汤 崔家 钟表 钟头
钟点 谭家 陆续 陆地 陆家嘴 汪汪 范围 金额 金山 金桥 金色 金属 金银 金黄 石头 石库门 石板 石灰
石材 石凳 廖家 贾家 夏天 夏季 夏日 夏令 付款 付费 付出 方便 方向 方案 方法 方式 方面 方形 方圆
白色 白天 白玉兰 白菜 白云 白领 白班 白发 邹家 孟家 熊猫 秦岭 邱家 江边 江南 江湾 江苏 江西
尹家 薛家 段落 雷雨 雷阵雨 侯家 龙头 龙华 龙柏 史上 陶瓷 黎明 贺卡 贺年 顾客 顾问 顾村 顾及
毛巾 毛病 毛衣 毛笔 郝家 龚路 邵家 万一 万家 万事 万元 钱包 钱款 严禁 严格 严重 严肃 武汉
戴上 戴着 孔雀 孔洞 向日葵 向上 向下 向前 向东 向西 向南 向北 汤圆 常常 常年 常用 常规 常见
常委 温馨 温度 温暖 康复 康健 施工 文明 文静 文化 文件 文字 牛奶 安全 安装 安静 安排 安置
齐心 齐全 易拉罐 乔家 庄严 章程 鲁迅 关门 关于 关心 关注 关爱 关键 关闭 兰花 包括 包装 包裹
宁可 宁愿 尚未 舒服 舒适 纪念 纪律 梅雨 梅花 梅陇 单元 单价 单位 单据 单独 单车 成本 成立
成员 成为 成功 成绩 成人 谷子 盛夏 盛开 曲线 蓝色 路口 路边 路灯 路面 路线 路过 路人 游客 管道
管理 管子 华联 华师大 华东 华山 时间 时候 时光 时段 时期 时刻 时常 时代 车辆 车棚 车位 车牌
车库 车主 费用 卫生 卫星 米饭 桂花 全部 全体 全家 应该 师傅 和谐 和平 和睦 明天 明年 明白
明显 明德 平安 平时 平台 平均 平方 燕子 乐观 乐意 申请 申城 宣传 晋升 印象 宿舍 鲜花 战士
诸位 柏油 柴火 屈指 解决 解释 连续 项目 景色 席位 邬家 乌龟 季度 凌晨 毕业 房管所 房屋 房子
冷水 晏家 艾草 尤其 阳台 阳光 农民 司机 卓越 古老 吉利 简单 麦田 党员 党支部 宫殿 费心 卜卦
米色 宗旨 全面 佟家 应急 边上 师生 商量 商店 沙发 荣誉 桑葚 仲夏 明亮 查看 查询 麻烦 苑内 迟到
封闭 谈话 谈谈 惠民 乐器 冀望 郁闷 燕窝 楚楚 劳动 练习 廉价 巴士 丰富 计划 计算 宣布 索要`
