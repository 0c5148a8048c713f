/**
 * Tabular and annotation content of the demo dataset: question-answer pairs (tables/qa-pairs.csv),
 * response ratings (tables/ratings.tsv), topic sentences for the Parquet split and the texts of the
 * Label Studio sentiment project. Hand-written; no personal information.
 */

/** [question, answer, lang] */
export const QA_PAIRS: readonly (readonly [string, string, 'zh' | 'en'])[] = [
  ['月球为什么总是同一面朝向地球？', '因为月球的自转周期和绕地球公转的周期相同，都约为27.3天，这种现象叫“潮汐锁定”。', 'zh'],
  ['What is the boiling point of water at sea level?', '100 °C (212 °F) at standard atmospheric pressure.', 'en'],
  [
    '“三人行，必有我师焉”出自哪里？是什么意思？',
    '出自《论语·述而》。\n意思是：几个人同行，其中一定有值得我学习的人。\n孔子强调要“择其善者而从之，其不善者而改之”。',
    'zh',
  ],
  ['How many continents are there?', 'Seven is the most common answer: Africa, Antarctica, Asia, Australia (Oceania), Europe, North America and South America.', 'en'],
  ['一年中白天最长的是哪个节气？', '北半球白天最长的是夏至，一般在6月21日或22日前后。', 'zh'],
  [
    'What does "RSVP" stand for?',
    'It comes from the French "répondez s\'il vous plaît", meaning "please reply".\nIt asks guests to tell the host whether they will attend.',
    'en',
  ],
  ['世界上面积最大的海洋是哪个？', '太平洋，面积约1.6亿平方千米，约占地球海洋总面积的一半。', 'zh'],
  ['Why is the ocean salty?', 'Rain slowly dissolves minerals from rocks, rivers carry them to the sea, and when seawater evaporates the salts stay behind. Over millions of years they have accumulated.', 'en'],
  [
    'Python 中 == 和 is 有什么区别？',
    '== 比较两个对象的“值”是否相等；is 比较两个名字是否指向“同一个对象”。\n例如：a = [1, 2]; b = [1, 2]\na == b 为 True，a is b 为 False。\n判断是否为 None 时应写 "x is None"。',
    'zh',
  ],
  ['Who wrote "Pride and Prejudice"?', 'Jane Austen; the novel was first published in 1813.', 'en'],
  ['人体最大的器官是什么？', '皮肤。成年人皮肤的总面积约为1.5到2平方米。', 'zh'],
  [
    'How do I write a double quote inside a CSV field?',
    'Wrap the field in double quotes and double every quote inside it.\nFor example, the value He said "hi" is written as "He said ""hi""".\nThis is the rule from RFC 4180.',
    'en',
  ],
  ['为什么冬天呼出的气是白色的？', '呼出的气体中含有水蒸气，遇到冷空气后迅速降温，凝结成细小的水滴，看起来就像白雾。', 'zh'],
  ['What is the largest planet in the Solar System?', 'Jupiter. It is more than twice as massive as all the other planets combined.', 'en'],
  [
    '怎样用一句话区分“的”“地”“得”？',
    '“的”用在名词前，如“美丽的花”；\n“地”用在动词前，如“慢慢地走”；\n“得”用在动词或形容词后，如“跑得快”。',
    'zh',
  ],
  ['What is the speed of light in a vacuum?', 'About 299,792 kilometres per second, usually rounded to 300,000 km/s.', 'en'],
  ['熊猫主要吃什么？', '大熊猫的食物99%以上是竹子，偶尔也会吃少量其他植物或小动物。', 'zh'],
  [
    'What is the difference between "its" and "it\'s"?',
    '"It\'s" is a contraction of "it is" or "it has".\n"Its" is the possessive form, as in "The cat licked its paw."\nTip: if you can replace it with "it is", use the apostrophe.',
    'en',
  ],
  ['中国最长的河流是哪条？', '长江，全长约6300千米，是亚洲第一长河、世界第三长河。', 'zh'],
  ['How many bones are in the adult human body?', 'Typically 206.', 'en'],
  ['什么是“碳中和”？', '指一定时期内人为排放的二氧化碳，通过植树造林、节能减排、碳捕集等方式全部抵消，实现净零排放。', 'zh'],
  ['What is the chemical symbol for gold?', 'Au, from the Latin word "aurum".', 'en'],
  ['围棋棋盘有多少个交叉点？', '标准围棋棋盘纵横各19条线，共有 19 × 19 = 361 个交叉点。', 'zh'],
  ['Why do we have leap years?', 'A year on Earth lasts about 365.2422 days. Adding a day every four years (except most century years) keeps the calendar in step with the seasons.', 'en'],
  ['“千里之行，始于足下”出自哪部经典？', '出自《道德经》第六十四章，比喻远大的目标要从眼前的小事一步步做起。', 'zh'],
]

/** Columns of tables/ratings.tsv: ratings of model answers to instruction records (1–5 scales). */
export const RATING_COLUMNS = ['rating_id', 'record_id', 'rater', 'helpfulness', 'harmlessness', 'fluency', 'comment'] as const

export const RATINGS: readonly (readonly [string, string, number, number, number, string])[] = [
  ['zh-0001', 'rater-01', 5, 5, 5, '解释准确，举例清楚'],
  ['zh-0003', 'rater-02', 5, 5, 4, 'correct; units shown'],
  ['zh-0005', 'rater-01', 4, 5, 4, '代码可运行，可补充复杂度说明'],
  ['zh-0012', 'rater-03', 5, 5, 5, ''],
  ['zh-0018', 'rater-02', 5, 5, 5, 'mentions the default sort pitfall'],
  ['zh-0024', 'rater-03', 3, 5, 4, '类别判断可再说明依据'],
  ['zh-0031', 'rater-01', 4, 5, 5, ''],
  ['en-0002', 'rater-02', 5, 5, 5, 'faithful one-sentence summary'],
  ['en-0005', 'rater-03', 5, 5, 4, ''],
  ['en-0007', 'rater-01', 3, 5, 4, 'mixed sentiment could be labelled explicitly'],
  ['en-0014', 'rater-02', 5, 5, 5, 'shows the divisibility check'],
  ['en-0016', 'rater-03', 4, 5, 5, ''],
  ['en-0020', 'rater-01', 5, 5, 4, 'fix is correct and minimal'],
  ['en-0033', 'rater-02', 5, 5, 5, ''],
  ['en-0036', 'rater-03', 4, 5, 4, 'could name cross-validation'],
]

export const TOPIC_LABELS = ['science', 'technology', 'culture', 'sports', 'finance'] as const
export type TopicLabel = (typeof TOPIC_LABELS)[number]

/** Short sentences per topic, in Chinese and English, combined pairwise into Parquet rows. */
export const TOPIC_SENTENCES: Record<TopicLabel, { zh: readonly string[]; en: readonly string[] }> = {
  science: {
    zh: [
      '研究人员在深海热泉附近发现了一种新的微生物群落。',
      '天文学家观测到一颗距离地球约四十光年的系外行星。',
      '新的实验表明，某些植物能够感知周围的声音振动。',
      '科学家利用冰芯数据重建了过去八十万年的气候变化。',
      '这项研究首次测量了大脑在深度睡眠时的清理速度。',
      '北极地区的海冰面积连续多年低于历史平均水平。',
      '团队用显微成像记录下细胞分裂的完整过程。',
    ],
    en: [
      'Researchers mapped a previously unknown reef in deep, cold water.',
      'A new telescope survey catalogued thousands of faint galaxies.',
      'The study found that octopuses change colour even while asleep.',
      'Geologists dated the volcanic layer to about 74,000 years ago.',
      'Measurements suggest the lake warms faster than the surrounding air.',
      'The experiment confirmed the prediction to within one percent.',
      'Seed banks preserve crop diversity against droughts and disease.',
    ],
  },
  technology: {
    zh: [
      '这款开源数据库在新版本中大幅降低了查询延迟。',
      '工程师们用边缘计算把视频分析的响应时间缩短了一半。',
      '新一代电池在低温环境下仍能保持八成以上的容量。',
      '该团队发布了一个面向中文文本的分词与标注工具。',
      '越来越多的工厂开始使用机器视觉检测产品缺陷。',
      '开发者社区讨论了大模型训练数据去重的最佳实践。',
      '这款翻译应用支持离线识别二十多种语言。',
    ],
    en: [
      'The compiler release cuts build times for large projects.',
      'Engineers moved the service to a queue-based design to absorb traffic spikes.',
      'The new chip runs speech recognition entirely on the device.',
      'An open benchmark compares tokenizers across twelve languages.',
      'Solid-state batteries promise faster charging and longer life.',
      'The team published a dataset card describing sources and licences.',
      'Browser vendors agreed on a common format for passkeys.',
    ],
  },
  culture: {
    zh: [
      '博物馆推出了以宋代瓷器为主题的数字展览。',
      '这部纪录片讲述了传统木版年画的制作工艺。',
      '古城的夜市保留了许多老字号小吃。',
      '地方戏曲剧团在社区开展公益演出。',
      '图书馆举办了关于唐诗的系列讲座。',
      '非遗传承人在工作坊里示范剪纸技艺。',
      '新修复的壁画重新向公众开放参观。',
    ],
    en: [
      'The museum reopened its gallery of medieval manuscripts.',
      'A folk music festival drew performers from a dozen countries.',
      'The novel was translated into Chinese for the first time.',
      'Volunteers restored the painted ceiling of the old theatre.',
      'The city library launched a programme of poetry readings.',
      'An exhibition traces the history of tea across the Silk Road.',
      'The orchestra performed a rarely heard early symphony.',
    ],
  },
  sports: {
    zh: [
      '主队在加时赛中以一球优势逆转取胜。',
      '马拉松赛道今年首次经过滨江绿道。',
      '年轻的乒乓球选手连续击败两名种子选手。',
      '女子排球队完成了为期三周的集训。',
      '这届运动会新增了攀岩和霹雳舞项目。',
      '雨中进行的比赛一度因场地积水暂停。',
      '教练表示球队将更多给年轻球员上场机会。',
    ],
    en: [
      'The home side scored twice in the final ten minutes to win.',
      'The marathon course was changed to avoid a steep hill.',
      'The cyclist took the lead on the last mountain stage.',
      'Both teams struggled with the wet pitch in the first half.',
      'The swimmer set a national record in the 200 m freestyle.',
      'The club announced a new youth academy for local players.',
      'Tickets for the final sold out within an hour.',
    ],
  },
  finance: {
    zh: [
      '央行公布的数据显示，上季度居民储蓄继续增长。',
      '多家银行下调了部分定期存款的利率。',
      '分析人士认为，原材料价格回落有助于缓解企业成本压力。',
      '该公司第三季度营收同比增长百分之十二。',
      '新能源汽车产业链吸引了大量社会投资。',
      '跨境电商出口额在上半年保持较快增长。',
      '专家提醒投资者注意分散风险、理性投资。',
    ],
    en: [
      'Shares of the retailer rose after it raised its annual forecast.',
      'The central bank left interest rates unchanged this month.',
      'Analysts expect inflation to ease as energy prices fall.',
      'The company plans to cut costs by merging two divisions.',
      'Small businesses reported stronger sales in the holiday season.',
      'Bond yields edged higher ahead of the policy meeting.',
      'The report warns that household debt is rising faster than incomes.',
    ],
  },
}

export type Sentiment = 'positive' | 'negative' | 'neutral'

/** Texts of the Label Studio sentiment project with the consensus (gold) label. */
export const SENTIMENT_TEXTS: readonly (readonly [string, Sentiment])[] = [
  ['物流很快，包装完好，东西和描述一致，很满意。', 'positive'],
  ['客服回复太慢了，等了两天才处理我的问题。', 'negative'],
  ['商品已收到，还没有开始使用。', 'neutral'],
  ['This is the most comfortable chair I have ever owned.', 'positive'],
  ['The app crashes every time I try to upload a photo.', 'negative'],
  ['The package arrived on Tuesday.', 'neutral'],
  ['老师讲得很清楚，例题也很有代表性。', 'positive'],
  ['房间隔音很差，晚上几乎睡不着。', 'negative'],
  ['会议改到下午三点举行。', 'neutral'],
  ['Great value for money, and the battery life is excellent.', 'positive'],
  ['The soup was cold and the portion was tiny.', 'negative'],
  ['The manual is available in English and French.', 'neutral'],
  ['这本书的翻译流畅自然，读起来一点也不费劲。', 'positive'],
  ['说明书写得含糊不清，装了半天也没装好。', 'negative'],
  ['这款耳机有黑色和白色两种颜色。', 'neutral'],
  ['Setup took five minutes and everything just worked.', 'positive'],
  ['I waited forty minutes and nobody answered the phone.', 'negative'],
  ['The store opens at nine on weekdays.', 'neutral'],
  ['味道不错，价格也实惠，下次还会再来。', 'positive'],
  ['衣服洗了一次就严重缩水，质量太差。', 'negative'],
  ['本次更新主要修改了设置页面的布局。', 'neutral'],
  ['The staff were friendly and the room was spotless.', 'positive'],
  ['The update removed the one feature I actually used.', 'negative'],
  ['The course has twelve lessons and a final quiz.', 'neutral'],
  ['界面简洁，操作顺手，老人也能很快学会。', 'positive'],
  ['屏幕亮度不够，在户外几乎看不清。', 'negative'],
  ['快递显示已到达本市转运中心。', 'neutral'],
  ['Beautiful photos and a story that stays with you.', 'positive'],
  ['Too expensive for what it offers.', 'negative'],
  ['The film is about two hours long.', 'neutral'],
]
