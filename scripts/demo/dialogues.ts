/**
 * Multi-turn chat records of the demo dataset (fixtures/demo/text/en/dialogues.jsonl.gz).
 * Hand-written; no personal information.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

const SYSTEM = 'You are a helpful, honest and concise assistant.'

type Turn = readonly [user: string, assistant: string]

/** Each dialogue: whether it opens with the system prompt, then user/assistant turns. */
const DIALOGUES: readonly (readonly [boolean, readonly Turn[]])[] = [
  [
    true,
    [
      [
        "I'm going hiking for two days in the mountains. What should I pack?",
        'The essentials: layered clothing (base layer, fleece, waterproof shell), sturdy boots, a map and compass or offline maps, a headlamp, a first-aid kit, sun protection, enough water plus a filter, and high-energy food. For an overnight trip add a sleeping bag rated for the expected low temperature, a sleeping mat and a shelter.',
      ],
      ['How much water should I carry?', 'Plan on about half a litre per hour of moderate hiking, more in heat or on steep climbs. If there are reliable streams on the route, carry 1.5 to 2 litres and refill with a filter rather than hauling everything from the start.'],
      ['Thanks! Any tips for the first night?', 'Pitch your tent before dark, eat a warm meal, and change into dry clothes before getting into your sleeping bag. Keep your headlamp and water within reach, and store food away from the tent if the area has wildlife.'],
    ],
  ],
  [
    false,
    [
      ['Can I use baking soda instead of baking powder?', 'Not directly. Baking soda needs an acid to react, and it is about three to four times stronger. To replace 1 teaspoon of baking powder, use 1/4 teaspoon of baking soda plus an acidic ingredient such as 1/2 cup of yogurt or buttermilk, or 1/2 teaspoon of cream of tartar.'],
      ["I don't have any of those. What else works?", 'Lemon juice or vinegar: about 1/2 teaspoon with the 1/4 teaspoon of baking soda. Mix the acid into the wet ingredients and get the batter into the oven quickly, because the reaction starts right away.'],
    ],
  ],
  [
    true,
    [
      ['My Python script says "IndexError: list index out of range". What does that mean?', 'It means your code asked for a position in a list that does not exist, for example items[5] when the list has only five elements (valid indexes 0 to 4). Check the line number in the traceback and print the list length and the index just before that line.'],
      ['The line is `for i in range(len(rows) + 1): print(rows[i])`.', 'That is the bug: range(len(rows) + 1) goes one step too far. Use range(len(rows)), or better, loop over the items directly: `for row in rows: print(row)`.'],
      ['That fixed it, thanks.', 'Glad it works. Looping over items directly avoids this whole class of off-by-one errors.'],
    ],
  ],
  [
    false,
    [
      ['Explain recursion like I am ten years old.', 'Imagine a stack of boxes inside boxes, like nesting dolls. To find the tiny toy in the middle, you open a box, and if there is another box inside, you do the same thing again. You stop when you open a box with the toy. Recursion is a function that solves a problem by calling itself on a smaller piece, and it always needs that "stop" rule.'],
      ['What happens if there is no stop rule?', 'Then it keeps opening boxes forever. In a program, each call uses a bit of memory, so eventually the computer runs out of room and reports a "stack overflow" error.'],
    ],
  ],
  [
    true,
    [
      ['I have an exam in statistics in three weeks. Can you help me make a study plan?', 'Sure. Week 1: review descriptive statistics and probability, doing 10 to 15 practice problems a day. Week 2: distributions, sampling and confidence intervals, plus one past paper at the weekend. Week 3: hypothesis tests and regression, then two timed past papers and a review of every mistake. Keep one rest evening a week.'],
      ['I struggle most with hypothesis testing.', 'Then move it earlier: start week 2 with it and return to it in week 3. For each test, write a one-page summary: when to use it, the null and alternative hypotheses, the test statistic, and how to read the p-value. Practising with the question "what would convince me the null is wrong?" helps a lot.'],
    ],
  ],
  [
    false,
    [
      ['How often should I feed an adult cat?', 'Most adult cats do well on two measured meals a day, about 12 hours apart. The right amount depends on weight, age and activity; the feeding guide on the food packet is a good starting point, adjusted so the cat keeps a healthy body shape.'],
      ['She always seems hungry.', 'Some cats beg out of habit or boredom rather than hunger. Try splitting the daily amount into three or four small meals or using a puzzle feeder. If she is losing weight or drinking much more than usual, it is worth asking a vet.'],
    ],
  ],
  [
    true,
    [
      ['What is 15% of 240?', '15% of 240 is 0.15 × 240 = 36.'],
      ['And if the price of 240 goes up by 15%?', 'The new price is 240 + 36 = 276, which is the same as 240 × 1.15.'],
      ['Then it goes down by 15% again. Is it back to 240?', 'No. 15% of 276 is 41.4, so the price falls to 234.6. A percentage decrease is taken from the larger number, so the same percentage up and then down leaves you below where you started.'],
    ],
  ],
  [
    false,
    [
      ['How do I say "hello" and "thank you" in Mandarin?', 'Hello is 你好 (nǐ hǎo). Thank you is 谢谢 (xièxie). A polite reply to thanks is 不客气 (bú kèqi), meaning "you\'re welcome".'],
      ['What about "goodbye"?', 'Goodbye is 再见 (zàijiàn), literally "see again". Among friends you will also hear 拜拜 (bàibài), borrowed from English "bye-bye".'],
    ],
  ],
  [
    true,
    [
      ['My tomato plants have yellow leaves at the bottom. Is something wrong?', 'Yellowing of the lowest, oldest leaves is common and often harmless as the plant puts energy into new growth. It can also mean overwatering or a lack of nitrogen. Check that the soil drains well and is moist but not soggy.'],
      ['The soil is quite wet.', 'Then water less often: let the top few centimetres dry out before watering again, and water at the base in the morning. Remove the yellow leaves so air can circulate, which also reduces the risk of fungal disease.'],
    ],
  ],
  [
    false,
    [
      ['I want to start running. How far should I go at first?', 'Start with time rather than distance: 20 to 30 minutes alternating one minute of easy running with one or two minutes of walking, three times a week. Increase the running intervals gradually over a few weeks.'],
      ['How fast should I run?', 'Slowly enough that you could hold a conversation. Most beginners run too fast; an easy pace builds endurance and lowers the risk of injury.'],
      ['Do I need special shoes?', 'Comfortable running shoes that fit well are worth it. A specialist shop can suggest a pair, but the best shoe is simply the one that feels comfortable from the first run.'],
    ],
  ],
  [
    true,
    [
      ['Can you recommend a classic novel for someone who likes science fiction?', 'Try "The Time Machine" by H. G. Wells (1895). It is short, imaginative and asks big questions about society and the far future. "Frankenstein" by Mary Shelley is another early classic often called the first science fiction novel.'],
      ['Which one is easier to read?', '"The Time Machine" is shorter and faster paced. "Frankenstein" has a more old-fashioned style and a frame story told through letters, so it can take longer to get into.'],
    ],
  ],
  [
    false,
    [
      ['If it is 9 a.m. in Beijing, what time is it in London?', 'Beijing is on UTC+8 all year. London is on UTC+0 in winter and UTC+1 in summer. So 9 a.m. in Beijing is 1 a.m. in London in winter and 2 a.m. during British Summer Time.'],
      ['And in New York?', 'New York is UTC-5 in winter and UTC-4 in summer, so 9 a.m. in Beijing is 8 p.m. (winter) or 9 p.m. (summer) on the previous day.'],
    ],
  ],
  [
    true,
    [
      ['How can I start a monthly budget?', 'List your monthly income after tax, then your fixed costs (rent, utilities, transport, subscriptions). Track everything else you spend for a month to see where it goes. Then set limits per category and decide on a fixed amount to save first, before spending on extras.'],
      ['Is there a simple rule I can follow?', 'A popular starting point is 50/30/20: about 50% for needs, 30% for wants and 20% for saving or paying off debt. Adjust the split to your situation; the important part is that the saving happens automatically.'],
    ],
  ],
  [
    false,
    [
      ['How many grams are in a cup of flour?', 'It depends on how the cup is filled, but a common figure for all-purpose flour is about 120 to 125 grams per US cup when spooned and levelled. Scooping straight from the bag can pack in 150 grams or more, which is why bakers prefer weighing.'],
      ['And a cup of sugar?', 'Granulated sugar is much denser: about 200 grams per US cup.'],
    ],
  ],
  [
    true,
    [
      ['Can you make this sentence sound less harsh? "Your report is late again and full of mistakes."', 'Here is a gentler version: "I noticed the report came in after the deadline again, and there were a few errors. Could we talk about what would help you get it finished on time?"'],
      ['Make it a bit shorter.', '"The report was late again and had some errors. Can we talk about what would help next time?"'],
    ],
  ],
  [
    false,
    [
      ['What is the difference between an INNER JOIN and a LEFT JOIN?', 'An INNER JOIN returns only rows that have a match in both tables. A LEFT JOIN returns every row from the left table, and fills the right table\'s columns with NULL where there is no match.'],
      ['When would I use a LEFT JOIN?', 'When you want to keep everything on the left side even without a match, for example listing all customers with their orders, including customers who have never ordered. Adding `WHERE orders.id IS NULL` then finds exactly those customers.'],
    ],
  ],
  [
    true,
    [
      ['Why did the Roman Empire split into East and West?', 'The empire had become too large to govern from one place, facing threats on several frontiers at once. Emperor Diocletian divided administration in the late 3rd century, and after the death of Theodosius I in 395 the empire was permanently divided between his two sons, with capitals eventually at Ravenna and Constantinople.'],
      ['What happened to each half?', 'The Western Empire weakened under economic strain and invasions and is usually said to have ended in 476. The Eastern Empire, later called the Byzantine Empire, lasted until the fall of Constantinople in 1453.'],
    ],
  ],
  [
    false,
    [
      ['It is 5 °C and windy today. What should I wear for a walk?', 'Dress in layers: a long-sleeved base layer, a warm mid-layer such as a fleece or sweater, and a windproof jacket. Add a hat and gloves, because wind makes 5 °C feel closer to freezing.'],
      ['What if it starts raining?', 'Make the outer layer waterproof rather than just windproof, and choose shoes that will not soak through. Avoid cotton next to the skin; it stays cold when wet.'],
    ],
  ],
  [
    true,
    [
      ['What is the best ratio of coffee to water for a pour-over?', 'A good starting point is 1:16, for example 15 grams of coffee to 240 grams of water. Use water just off the boil, around 92 to 96 °C, and a medium-fine grind.'],
      ['My coffee tastes sour.', 'Sourness usually means under-extraction. Grind a little finer, pour more slowly, or use slightly hotter water. If it turns bitter, you have gone too far the other way.'],
      ['OK, I will try a finer grind.', 'Change one thing at a time so you can tell what made the difference. Enjoy the coffee!'],
    ],
  ],
  [
    false,
    [
      ['Can you check my grammar? "Me and him goes to the library every tuesday."', 'Corrected: "He and I go to the library every Tuesday." Use subject pronouns (he, I) for the subject, the plural verb "go" for two people, and capitalise the names of days.'],
      ['Why "He and I" and not "I and he"?', 'Both are grammatical, but English convention puts yourself last out of politeness, so "He and I" sounds natural.'],
    ],
  ],
]

export interface DialogueRecord {
  id: string
  messages: ChatMessage[]
}

export function dialogueRecords(): DialogueRecord[] {
  return DIALOGUES.map(([withSystem, turns], i) => {
    const messages: ChatMessage[] = withSystem ? [{ role: 'system', content: SYSTEM }] : []
    for (const [user, assistant] of turns) {
      messages.push({ role: 'user', content: user }, { role: 'assistant', content: assistant })
    }
    return { id: `dlg-${String(i + 1).padStart(4, '0')}`, messages }
  })
}
