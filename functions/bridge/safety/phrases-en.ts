import type { PhraseList, SafetyPhrase } from "../../_shared/domain/safety/phrase-list.ts";

// Pieces shared by several phrases (normalised text: "I can't" is "i cant", "I'm" is "im").
const CANT = "(?:cant|cannot|can not|couldnt|unable to|not able to|can hardly|can barely)";
const FELL =
  "(?:fell|fallen|fall|falling|slipped|tripped|tumbled|took a tumble|took a spill|went down|went flying|collapsed|" +
  "lost my (?:footing|balance)|legs (?:gave way|went)|hit the (?:floor|ground|deck))" +
  "(?! (?:asleep|in love|off the wagon|behind|apart|out with))";
const PILLS = "(?:pills|tablets|medication|medicine|meds|insulin|prescriptions?)";
const FOLK =
  "(?:son|daughter|nephew|niece|grandson|granddaughter|caregiver|carer|aide|nurse|helper|husband|wife|" +
  "boyfriend|girlfriend|son in law|daughter in law|brother|sister|neighbou?r|he|she|they|someone|somebody)";

const emergency: SafetyPhrase[] = [
  {
    label: "fall_no_way_up",
    tier: "emergency",
    category: "fall",
    pattern: FELL,
    with: [
      `${CANT} (?:get|stand|pick|push|move|get myself|get back)|(?:on|off) the (?:\\w+ )?(?:floor|ground|lino|linoleum|carpet|rug|tiles)|` +
        "(?:legs?|ankle|knee|hip|foot) (?:wont|will not|cant|dont) (?:hold|carry|work|move|take (?:any|my) weight)|nobody hears|hip (?:is )?broken|broke my|bleeding|cant move|stuck",
    ],
    now: true,
  },
  {
    label: "on_the_floor",
    tier: "emergency",
    category: "fall",
    pattern:
      "(?:im|i am|ive been|i have been|been|stuck|lying|laying|down) (?:down )?(?:on|off) the (?:\\w+ )?(?:floor|ground|lino|linoleum|carpet|rug|tiles)",
    with: [`${CANT}|since|hours|stuck|help|all night|wont|hurt|nobody|no one|calling`],
  },
  {
    // Lying on the floor is a fall until said otherwise ("the grandkids are on the floor" is not first person).
    label: "lying_on_the_floor",
    tier: "emergency",
    category: "fall",
    pattern:
      "(?:im|i am|ive been|i have been|i was|been) (?:lying|laying|stuck) (?:on|in) the (?:\\w+ )?" +
      "(?:floor|ground|yard|lawn|grass|driveway|sidewalk|pavement|tub|bathtub|bath|patio|hallway)",
  },
  {
    label: "chest_pain",
    tier: "emergency",
    category: "chest_pain",
    pattern:
      "chest (?:hurts|is hurting|pains?|is tight|feels tight|tightness|is aching|has been aching|aches|pressure)|" +
      "(?:pain|pressure|tightness|squeezing|crushing|weight|ache) (?:\\w+ )?(?:in|on) my chest|sitting on my chest|" +
      "chest (?:feels|is|has gone) (?:so |really |very )?(?:heavy|tight|funny)|" +
      "(?:crushing|squeezing|burning|stabbing|heavy|tight) (?:\\w+ ){0,3}(?:across|in|on) my chest|" +
      "(?:im|i am|i think im|i might be|maybe im|like im) having (?:a )?heart attack",
    now: true,
    unless: ["(?:fine|okay|ok|better|gone) now|went away|has passed|its passed"],
  },
  {
    // Heart-attack signs beside the chest: jaw or arm pain with sweating or sickness.
    label: "heart_attack_signs",
    tier: "emergency",
    category: "chest_pain",
    pattern:
      "(?:jaw|arm|shoulder|neck)s? (?:\\w+ ){0,3}(?:hurts?|hurting|aches?|aching|pain)|" +
      "(?:pain|ache|aching) (?:\\w+ )?in my (?:left )?(?:arm|jaw|shoulder|neck)",
    with: [
      "sweat\\w*|clammy|sick|nause\\w*|dizzy|faint|short of breath|racing|pounding|palpitat\\w*|my heart",
    ],
    now: true,
  },
  {
    label: "stroke_signs",
    tier: "emergency",
    category: "stroke",
    pattern:
      "(?:face|mouth|lip|eye) (?:is |feels |went |looks )?(?:droopy|drooping|droops|numb|crooked|lopsided)|" +
      "(?:side of|half of) my (?:face|body|mouth)|" +
      `${CANT} (?:lift|raise|move|feel|use) (?:my|the) (?:left |right )?(?:arm|leg|hand|side)|` +
      "(?:words|speech) (?:are |is )?(?:coming out )?(?:all )?(?:wrong|slurred|slurring|jumbled|garbled)|slurr\\w*|" +
      "(?:im|i am|i think im|i might be|maybe im|like im) having a stroke|" +
      "(?:right|left|one) side (?:of my (?:body|face) )?(?:went|is|has gone|feels) (?:all |so )?(?:weak|numb|dead|heavy|limp)|" +
      "(?:face|mouth|smile) (?:\\w+ ){0,3}(?:droop\\w*|sagging|crooked|lopsided)|" +
      "(?:im|i am|i keep) (?:talking|speaking) (?:funny|strange|wrong)|(?:words|word) (?:wont|will not|dont) come out|" +
      `${CANT} see out of (?:one|my) (?:\\w+ )?eye|worst headache of my life|` +
      "my (?:arm|leg|hand) (?:is|went|feels|has gone) (?:weak|numb|dead|limp)|" +
      "(?:arm|hand) (?:is |went )?(?:weak|numb) (?:and|so) i cant|" +
      "(?:suddenly|all of a sudden) (?:\\w+ ){0,3}(?:arm|hand|leg|face) (?:\\w+ ){0,2}(?:wont|cant|will not|is|went|feels) " +
      "(?:grip|move|work|lift|hold|numb|weak|dead|limp)",
    now: true,
  },
  {
    label: "cant_breathe",
    tier: "emergency",
    category: "breathing",
    pattern:
      `${CANT} (?:seem to )?(?:breathe|breath|catch my breath|get (?:my |any |enough )?(?:breath|air))|(?:trouble|difficulty|struggling) breathing|` +
      "hard to breathe|short of breath|gasping|(?:im|i am|feel like im) suffocating|throat (?:is )?closing|(?:im|i am) choking|" +
      "lips (?:are )?(?:turning )?blue|breathing is (?:really )?(?:bad|terrible|awful)",
    now: true,
    unless: [
      "ran (?:for|to) the (?:phone|door)|laughing|laughed|(?:this|the) (?:heat|humidity)|so humid|stuffy",
    ],
  },
  {
    label: "unresponsive",
    tier: "emergency",
    category: "unresponsive",
    pattern:
      // Someone else: "he won't wake up", "she's not responding" — never a bare "not" ("sleep and not wake up").
      "slumped (?:over|down)|" +
      "(?:wont|will not|isnt|is not|doesnt|hes not|shes not|theyre not) (?:wake up|waking up|waking|respond|responding|talking|" +
      `answering me|answer me|breathing|moving)|${CANT} (?:wake|rouse) (?:him|her|them)|` +
      "(?:cant|cannot|couldnt) get (?:him|her) to (?:wake|respond|answer|move)|" +
      `not breathing|no pulse|` +
      "collapsed|passed out|fainted|blacked out|unconscious|keeled over",
    now: true,
    unless: ["(?:fine|okay|ok|alright|all right|better) now|came (?:to|round|around)|woke (?:up|right up)"],
  },
  {
    // Symptom words anywhere in the clause with "chest" (figures like "chest of drawers" are blanked out).
    label: "chest_symptoms",
    tier: "emergency",
    category: "chest_pain",
    pattern: "chest|breastbone|my heart (?:is|feels|s)",
    near: [
      "hurts?|hurting|pains?|aches?|aching|killing|crush\\w*|squeez\\w*|tight\\w*|pressure|heavy|burn\\w*|band|" +
        "weight|stabb\\w*|spreading|being squeezed|pounding and",
    ],
    now: true,
    unless: ["(?:fine|okay|ok|better|gone) now|went away|has passed|its passed"],
  },
  {
    label: "breathing_trouble",
    tier: "emergency",
    category: "breathing",
    pattern: "breath|breathe|breathing",
    near: ["struggl\\w*|barely|hardly|cant|cannot|trouble|difficult|gasp\\w*|short|wont come"],
    now: true,
    unless: [
      "ran (?:for|to) the (?:phone|door)|laughing|laughed|(?:this|the) (?:heat|humidity)|so humid|stuffy|a word",
    ],
  },
];

const high: SafetyPhrase[] = [
  {
    label: "suicide",
    tier: "high",
    category: "suicide",
    pattern:
      "suicid(?:e|al)|kill(?:ing)? myself|(?:take|taking|took) my (?:own )?life|end(?:ing)? (?:my|my own) life|" +
      "end(?:ing)? it all|end(?:ing)? things|(?:thinking|thought|think) (?:of|about) end(?:ing)? it|" +
      "(?:shoot|shooting|hang|hanging|drown|drowning|poison|poisoning) myself|" +
      "jump(?:ing)? (?:off|from|in front of)|(?:take|taking|swallow) all (?:of )?my (?:\\w+ )?" +
      PILLS +
      "|overdose|a plan (?:for how|to do it)|(?:want|wanna|wanted|going) to die|(?:rather|better off) (?:be )?dead(?! than)|" +
      "(?:going to|gonna) (?:end it|do it)",
    unless: ["(?:like|as) (?:the doctor|my doctor|prescribed|directed|i should|im supposed to)"],
  },
  {
    label: "passive_death_wish",
    tier: "high",
    category: "suicide",
    pattern:
      "(?:sleep|asleep) and (?:never|not) wake up|(?:go to |fall )?sleep forever|(?:not|never|didnt) (?:to )?wake up (?:tomorrow|again|in the morning)|" +
      "(?:wish|wished) (?:i was|i were|id be|i could be) dead|(?:lord|god)(?: \\w+){0,4} (?:takes?|took|would take|to take) me|" +
      "(?:dont|do not) want to (?:be here|be alive|live|go on|wake up|keep living)|tired of (?:living(?! in| with| next| on)|life|being alive)|" +
      "no (?:point|reason) (?:in )?(?:living|to live|going on|being here|to go on)|" +
      "(?:whats|what is) the (?:point|use) (?:of|in) (?:going on|living|it all|anything|life|me)|" +
      "nothing (?:left )?to live for|(?:life|it) (?:isnt|is not|aint) worth living|(?:hope|wish) i die|" +
      "lived long enough|(?:im|i am) done (?:with life|with living|living)|" +
      "(?:thought|thinking|think) about how (?:id|i would|i could|to) (?:end it|do it|die|kill)|" +
      `how many (?:of )?(?:my )?(?:\\w+ )?${PILLS} (?:it )?(?:would|it d|itd) take|(?:go|went) away for good|` +
      "(?:want|wish) it (?:all )?(?:to be|was|were) over|ready to (?:go|die)$|" +
      "(?:truck|bus|car) (?:would )?hit me|dont want to be around|" +
      // A double negative says yes: "I wouldn't mind if I didn't wake up".
      "(?:wouldnt|would not) (?:mind|care) (?:if i )?(?:died|didnt wake|never woke|dying|not waking)",
  },
  {
    label: "burden_better_off",
    tier: "high",
    category: "suicide",
    pattern:
      "better off (?:without me|if i (?:was|were|wasnt|werent) (?:gone|dead|here|around))|" +
      "(?:nobody|no one|noone) would (?:even )?(?:notice|miss me|care) if i|(?:disappear|disappeared|be gone) for good|" +
      "if i (?:was|were) gone|(?:easier|better) (?:for (?:everyone|everybody|them) )?if i (?:wasnt|werent|was not|were not) (?:around|here|alive)",
  },
  {
    label: "means_and_goodbyes",
    tier: "high",
    category: "suicide",
    pattern:
      `(?:saving|saved|stockpiling|hoarding|hiding|collecting|stashing|keeping) (?:up )?(?:all )?(?:my )?(?:\\w+ )?${PILLS}(?! organi[sz]er| box| case| bottle)|` +
      "(?:letters?|notes?) to say goodbye|goodbye (?:letters?|notes?)|" +
      "giving (?:away )?(?:all )?my (?:things|stuff|belongings|possessions)|wont be needing them|" +
      "last time (?:you|youll) (?:hear|talk)|wont be (?:around|here) (?:much|for) (?:longer|long)|" +
      "(?:affairs|things) in order so i can go|better off (?:in the ground|six feet under|in my grave)|" +
      "(?:hope|wish|pray) (?:that )?(?:i|id) (?:dont|wont|do not|will not|never|didnt) wake up|" +
      "(?:bed|sleep) and (?:not|never) wake|(?:life|lifes|it) (?:is )?not worth it|" +
      `enough (?:\\w+ )?${PILLS} (?:\\w+ ){0,3}to (?:do it|end it|die|finish it)|${PILLS} saved up`,
  },
  {
    label: "thinks_of_dying",
    tier: "high",
    category: "suicide",
    pattern: "(?:think|thinking|thought) about (?:dying|death|being dead)",
    with: ["welcome|wish|want it|ready|relief|be glad|long for"],
  },
  {
    label: "goodbye_for_good",
    tier: "high",
    category: "suicide",
    pattern: "(?:want|wanted|need|needed|wanna) to say goodbye",
    with: [
      "in case|for good|forever|last time|wont (?:be|talk|see|hear)|before i go|to everyone|while i can",
    ],
  },
  {
    label: "pills_put_aside",
    tier: "high",
    category: "suicide",
    pattern: `(?:putting|put|setting|set|squirreling|tucking|keeping) (?:\\w+ ){0,2}${PILLS} (?:aside|away|by)`,
    with: ["for when|in case|enough|one day|ready|had enough"],
  },
  {
    label: "scam_details",
    tier: "medium",
    category: "financial",
    pattern: "gave (?:\\w+ ){0,2}my (?:\\w+ )?(?:number|details|pin|password|card)",
    with: [
      "called|calling|saying they|said they|claimed|medicare|irs|the bank|social security|microsoft|computer",
    ],
  },
  {
    label: "firearm",
    tier: "high",
    category: "suicide",
    pattern:
      "(?:bought|got|have|buy|keep|kept|get) (?:a|my|the) (?:\\w+ )?(?:gun|rifle|pistol|handgun|revolver)",
    with: ["when im ready|on myself|for myself|end (?:it|things)|the courage|(?:be|been) ready"],
  },
  {
    label: "self_harm",
    tier: "high",
    category: "self_harm",
    pattern:
      "(?:cut|cutting|burn|burning|burned|hurt|hurting|harm|harming|hit|hitting|scratch|scratching|starving|" +
      "punish|punishing|bruise|bruising) myself|(?:bang|banging|hit|hitting|beat|beating) my head (?:against|on) the wall|(?:bang|banging) my head (?:\\w+ ){0,2}(?:until|till) it|" +
      "(?:burn|burned|burning|cut|cutting|scratch|scratching) my (?:arms?|wrists?|skin|legs?) (?:\\w+ ){0,3}" +
      "(?:so i|on purpose|to feel|again|with a (?:cigarette|razor|knife|blade|lighter))|" +
      "(?:been|keep|started) (?:cutting|burning|scratching) my (?:arms?|wrists?|skin|legs?)|" +
      `(?:took|take|taking|swallowed) too many (?:of my )?${PILLS} on purpose|on purpose (?:to )?(?:hurt|cut|burn)`,
  },
  {
    label: "abuse",
    tier: "high",
    category: "abuse",
    pattern:
      "twists? my arm|twisted my arm|pulls? my hair|pulled my hair|pinch(?:es)? me|" +
      "(?:hits|hit|slaps|slapped|punches|punched|kicks|kicked|beats|beat|shoves|shoved|shoves me around|pushes|" +
      "pushed|chokes|choked|strangled|burned|burns) me|(?:grabs|grabbed) (?:me|my arms?)|" +
      "threaten(?:ed|s|ing)? (?:to (?:hurt|kill|hit|beat) )?me|threatened to (?:hurt|kill|hit|beat)|(?:kill|hurt|hit|beat) me if i|" +
      "(?:is|been|keeps|keep|are|s) hurting me|locks? me (?:in|up|out)|locked me (?:in|up|out)|" +
      "(?:hurting|abusing) me|abuses me",
  },
  {
    // A wish, then the caller, then death: "they'd all be happier if I were dead", "I keep wishing I could
    // just disappear". The caller in between keeps "I hope the weeds die" out.
    label: "wish_to_be_gone",
    tier: "high",
    category: "suicide",
    pattern:
      "(?:wish\\w*|want\\w*|rather|hope|happier|better off|planning|plan|ready|pray\\w*|easier) (?:\\w+ ){0,5}?" +
      "(?:i|me|id|im|myself) (?:\\w+ ){0,5}?(?:die|died|dead|death|disappear\\w*|never come back|never wake|" +
      "not be here|wasnt here|werent here|gone for good|sleep forever)",
  },
  {
    label: "weary_of_life",
    tier: "high",
    category: "suicide",
    pattern:
      "(?:had enough of|tired of|sick of|done with|fed up with) (?:living(?! in| with| next| on)|life|being alive|it all)|" +
      "(?:dont|do not|cant|cannot) see (?:any |the )?(?:reason|point) (?:to|in) (?:keep going|going on|go on|living|live)|" +
      "no (?:reason|point) (?:to|in) (?:keep going|keeping going|carry on|carrying on)",
  },
];

const medium: SafetyPhrase[] = [
  {
    label: "hopeless",
    tier: "medium",
    category: "hopelessness",
    pattern:
      "hopeless|no hope|(?:cant|cannot) go on|(?:trapped|no way out)|(?:ive|i have|i) given up$|i give up$|" +
      "given up on (?:life|everything|myself)|(?:dont|cant) see (?:any way|how) (?:things|it) (?:\\w+ )?(?:gets?|will get|could get) better|" +
      "nothing will ever (?:get|be) better|(?:will|is|are|its) never (?:going to |gonna )?(?:get|be) better|no use going on|no point (?:to|in) (?:anything|any of it|it all)|" +
      "(?:im|i am|i feel like|feel like|ive become|i have become|i feel) (?:a|such a|just a|nothing but a) burden|" +
      "(?:burden|weight|bother|nuisance) (?:to|on|for) (?:everyone|everybody|my family|my (?:son|daughter|kids|children)|them|you)",
  },
  {
    label: "im_dying",
    tier: "medium",
    category: "hopelessness",
    pattern: "(?:i am|im) dying",
  },
  {
    label: "emotional_abuse",
    tier: "medium",
    category: "abuse",
    pattern:
      "(?:yells|shouts|screams|swears) at me|calls me (?:stupid|names|useless|worthless|an idiot)|" +
      "put me in a (?:home|nursing home)|(?:wont|doesnt|will not|does not) let me (?:see|use|go|talk|call|leave|have)|" +
      `(?:afraid|scared|frightened|terrified) of (?:my|the|him|her) (?:new )?${FOLK}?`,
  },
  {
    label: "neglect",
    tier: "medium",
    category: "neglect",
    pattern:
      "(?:aide|caregiver|carer|nurse|helper|home help) (?:hasnt|has not|didnt|never|doesnt|wont) (?:come|came|been|shown|shows|show)|" +
      "never shows up|(?:nobody|no one|noone) (?:has )?(?:helped|helps|brought|brings) me|" +
      "(?:nobody|no one|noone) (?:has )?(?:come|came) (?:to help|to see me|by|in days|in weeks|for days|for weeks)|" +
      "(?:leaves|left|leave) me (?:alone )?(?:all day|all night|without)|" +
      `(?:dont|doesnt|wont|stopped|arent) (?:give|giving|gave) me my ${PILLS}|` +
      "(?:wet|soiled|dirty) bed|keeps? my (?:walker|cane|glasses|hearing aids?|phone|wheelchair) away",
  },
  {
    label: "financial_exploitation",
    tier: "medium",
    category: "financial",
    pattern:
      "(?:took|takes|taken|has|kept|keeps) my (?:bank |credit |debit )?(?:card|money|checkbook|cheque book|pension|savings|social security)|" +
      "(?:taking|took|stealing|stole|missing) (?:money|cash)|money (?:out of|from|missing from) my|" +
      "(?:using|used|uses|spending|spent) my (?:\\w+ )?(?:card|money|savings|account|pension) without|" +
      "(?:made|make|makes|forced) me sign|(?:papers|documents) i didnt understand|gift cards?|owe the irs|" +
      "changed my will|(?:gave|sent|wired) (?:him |her |them )?(?:my|all my) (?:savings|money)|(?:checks|cheques) (?:are )?missing|" +
      "bail money|in jail and needs?|controls? (?:all )?my money|(?:moneys|money is|money has) (?:all )?(?:gone|missing|disappeared)|" +
      "gave (?:him|her|them|a man|a woman|someone|the caller) my (?:account|bank|card|social security|pin|password)|" +
      "(?:access|control) (?:to|of) my (?:bank|account|computer|money|savings)|keeps my (?:pension|money|check|social security)|" +
      "won (?:a|the) (?:lottery|prize|sweepstakes)|pay (?:the )?fees? first",
  },
  {
    label: "confusion",
    tier: "medium",
    category: "confusion",
    pattern:
      "(?:dont|do not|didnt) know where i (?:am|was)|forget(?:ting)? where i am|" +
      "(?:didnt|dont|cant) recogni[sz]e (?:my own|the people|my|anyone|where)|" +
      "(?:dont|do not|cant|cannot) (?:know|remember|tell|figure out) (?:what|which) (?:day|year|month)|(?:what|which) (?:day|year|month) it is|(?:got|get|getting|am|im) lost (?:\\w+ )?(?:home|driving|walking|on the way)|" +
      "(?:dont|do not) know how to get (?:back|home)|(?:couldnt|cant|could not|cannot) find my way (?:back|home)|" +
      "got (?:all )?turned around|(?:couldnt|cant|could not|didnt) remember where i (?:live|lived|was going)|" +
      "(?:didnt|dont|do not) (?:know|recogni[sz]e) (?:whose|which|what) (?:house|place|room)|" +
      "waiting for my (?:mother|mom|mum|father|dad|mama|papa) to|" +
      `(?:cant|dont|couldnt) remember (?:if|whether) i took my ${PILLS}|taken them twice|` +
      "(?:confused|mixed up) about (?:who|where|what)|keep getting confused",
  },
  {
    label: "self_neglect",
    tier: "medium",
    category: "self_neglect",
    pattern:
      "(?:havent|have not|hasnt|didnt|not) (?:eaten|had (?:anything|a (?:proper |decent |real )?meal|food))|" +
      "no food in|nothing to eat|" +
      "(?:heat|heating|furnace|electricity|power|water|gas|lights?|heats|waters) (?:has |have )?(?:been |is |was |s been )?(?:off|cut off|shut off|turned off|out)|" +
      "(?:cut|shut|turned) off my (?:power|heat|water|electricity|gas)|" +
      "(?:furnace|heater|heating|boiler) (?:is |has |s )?(?:broke|broken|not working|died|gone out)|(?:freezing|so cold) in (?:here|the house)|" +
      `(?:ran|run|running|am|im) out of (?:my )?(?:\\w+ ){0,3}${PILLS}|` +
      `${PILLS} (?:ran|have run|run|are|have) (?:out|run out)|` +
      "(?:havent|have not|hasnt) had a (?:hot|proper|decent|real|square) meal|" +
      `(?:havent|have not|hasnt|not) (?:taken|had) (?:my )?(?:\\w+ )?${PILLS} (?:in|for) (?:days|a week|weeks|\\w+ days)|` +
      `(?:cant|cannot|couldnt|not able to|(?:havent|hasnt|not) been able to) afford (?:my )?(?:\\w+ )?(?:${PILLS}|food|heat|groceries)|` +
      `stopped taking (?:my )?(?:\\w+ ){0,3}${PILLS}|` +
      "(?:havent|have not) (?:bathed|washed|showered|changed)",
    unless: ["yet|making|cooking|about to|in the oven|garage|shed"],
  },
  {
    label: "falls_repeated",
    tier: "medium",
    category: "fall",
    pattern:
      "(?:fallen|fell) (?:twice|two times|three times|a few times|several times|again)|keep falling|falling (?:a lot|lately|more)|" +
      "(?:legs|knees) (?:just )?(?:give|gave|keep giving) (?:out|way)|(?:scared|afraid|worried) (?:ill|i will|i might|of) fall|" +
      "almost (?:fell|went down)|(?:fell|fallen) (?:yesterday|this morning|last night|today|earlier)",
    now: true,
  },
  {
    label: "no_way_out_and_more",
    tier: "medium",
    category: "hopelessness",
    pattern: "(?:no|cant see a|dont see a|cant find a|cannot see a) way out",
  },
  {
    label: "exploited_checks",
    tier: "medium",
    category: "financial",
    pattern: "(?:cashing|cashed|forging|forged|signing|signed) my (?:checks|cheques|name|pension)",
  },
  {
    label: "lost_time",
    tier: "medium",
    category: "confusion",
    pattern:
      "(?:dont|do not|didnt|not) (?:know|knowing|remember|remembering) how i (?:got|ended up) (?:here|there)",
  },
  {
    label: "barely_eating",
    tier: "medium",
    category: "self_neglect",
    pattern:
      "(?:had|eaten|eating|eat) (?:nothing|barely anything|hardly anything|next to nothing)(?: but \\w+)? (?:for|in) " +
      "(?:days|weeks|\\w+ days|a week)",
  },
];

const low: SafetyPhrase[] = [
  {
    label: "lonely",
    tier: "low",
    category: "loneliness",
    pattern:
      "lonely|loneliness|(?:so|all|very|completely|totally) alone|alone all the time|isolated|" +
      "(?:nobody|no one|noone) (?:ever )?(?:calls|visits|comes|talks to me|cares|comes by)|" +
      "(?:havent|have not|hasnt) (?:talked|spoken) to (?:anyone|anybody)|never (?:visit|visits|call|calls)|" +
      "friends are (?:all )?gone|(?:everyone|everybody)s? (?:has )?forgotten (?:about )?me|" +
      "(?:dont|do not) have anyone to talk|no one to talk to|only one who (?:talks|calls)|" +
      "miss having (?:someone|anyone|company|people)|(?:with )?(?:nobody|no one|noone) to (?:see|visit|talk|call)|" +
      "(?:quiet|empty) (?:here )?since (?:everyone|everybody|they all|the kids)|(?:dont|do not|never) (?:speak|talk) to (?:a soul|anyone|anybody)",
  },
  {
    label: "low_mood",
    tier: "low",
    category: "low_mood",
    pattern:
      "(?:feeling|feel) (?:so |really |very |just )?(?:down|blue|low)(?! on)|" +
      "(?:feeling|feel|been|im|i am) (?:so |really |very |just )?(?:miserable|empty|worthless)|" +
      "(?:so |very |really )sad|sad all the time|(?:crying|cry) a lot|been crying|(?:dont|do not) enjoy anything|" +
      "lost interest|depressed|depression|nothing makes me happy|dark place|" +
      "(?:dont|do not) feel like getting out of bed|tired of everything|" +
      "lost my (?:spark|spirit|joy|will|get up and go)|down in the dumps|mope|moping|" +
      "(?:feels?|feeling|is|seems) (?:so |all )?(?:grey|gray|empty|flat|numb|pointless|meaningless)",
  },
];

/** English phrase families: what a caller says when something is wrong, first person, present. */
export const ENGLISH: PhraseList = {
  negations: "not|never|dont|didnt|doesnt|wouldnt|wont|isnt|wasnt|arent|opposite of",
  self: "i|im|ive|id|ill|me|myself",
  others:
    "(?:my|our|his|her|their|the) (?:sister|brother|neighbou?r|friend|husband|wife|son|daughter|mother|mom|mum|" +
    "father|dad|cousin|aunt|uncle|niece|nephew|grandson|granddaughter|grandkids|kids|children)|he|she|they|hes|shes|theyre",
  reported:
    "movie|film|novel|episode|detective|character|on the news|(?:a|the|that|this|tv) (?:show|book|story|play|series)",
  past:
    "years ago|last (?:year|month|winter|summer|spring|autumn|fall)|used to|back then|when i was|in the war|" +
    "since (?:my|the) (?:surgery|operation|accident|injury|fall|stroke)|for (?:years|months)|arthritis|" +
    "(?:above|over) my (?:head|shoulder)",
  exclusions: [
    // Breathless on exertion, a habit, or sleep: not an emergency by themselves.
    "(?:get|gets|getting) (?:a bit |a little |very )?short of breath",
    "short of breath (?:when|on|after|if|climbing|walking|going up)",
    "passed out (?:on|in) (?:the|his|her|my) (?:couch|sofa|recliner|armchair|chair|bed)",
    "(?:wont|will not|doesnt) wake up (?:before|until|till|early)",
    "dead tired",
    "dead on my feet",
    "killing time",
    "kill(?:ing)? myself laughing",
    "to die for",
    "(?:i am |im )?dying to",
    "dying (?:my|her|his|the) hair",
    "(?:bored|scared|worried) to death",
    "(?:nearly |almost )?died laughing",
    "laughed so hard i thought id die",
    "die of embarrassment",
    "(?<!chest )(?:is|are|s) killing me",
    "dying of (?:thirst|hunger|boredom|curiosity|laughter|embarrassment)",
    "chest of drawers|chest freezer|treasure chest|hope chest|chest x ray",
    "wake the dead",
    "breathe a word",
    "fell (?:asleep|in love)",
    "beats? me at",
    "could murder",
    "stroke of luck",
    "(?:responding|answering|respond|answer) (?:to )?(?:my |her |his |the )?(?:texts|messages|emails|calls|letters|phone)",
  ],
  phrases: [...emergency, ...high, ...medium, ...low],
};
