import type { PhraseList, SafetyPhrase } from "../../_shared/domain/safety/phrase-list.ts";

// Normalised Spanish: "me caí" is "me cai", "daño" is "dano", "¿" and "¡" are gone.
const NO_PUEDO = "(?:no (?:me )?(?:puedo|podia|pude)|no soy capaz de|casi no puedo)";
const PASTILLAS = "(?:pastillas|medicinas?|medicamentos?|insulina|remedios|pildoras)";

const emergency: SafetyPhrase[] = [
  {
    label: "caida_sin_levantarse",
    tier: "emergency",
    category: "fall",
    pattern:
      "me (?:cai|he caido|resbale|tropece|fui al suelo)|(?:tirad[oa]|atrapad[oa]|acostad[oa]) en el (?:suelo|piso)",
    with: [
      `${NO_PUEDO} (?:levantar|parar|mover|poner de pie|volver|subir|incorporar)(?:me|se)?|en el (?:suelo|piso)|` +
        "sangr|(?:me )?rompi|no me (?:puedo|aguantan)|no puedo salir",
    ],
    now: true,
  },
  {
    label: "en_el_suelo",
    tier: "emergency",
    category: "fall",
    pattern: "(?:estoy|sigo|llevo|quede) (?:\\w+ ){0,3}(?:tirad[oa] )?en el (?:suelo|piso)",
    with: [`${NO_PUEDO}|desde|horas|ayuda|toda la noche`],
  },
  {
    label: "dolor_de_pecho",
    tier: "emergency",
    category: "chest_pain",
    pattern:
      "(?:me duele (?:mucho )?|dolor (?:\\w+ )?(?:en|de) |presion (?:\\w+ ){0,3}en |me aprieta |opresion en )el pecho|" +
      "(?:me (?:esta )?(?:apretando|aprieta|oprime|oprimiendo|arde|pesa)(?: mucho)?) el pecho|sudor frio|pecho (?:\\w+ ){0,3}(?:apretad|duele|dolor|presion|pesad)|" +
      "(?:me esta dando|creo que (?:es|tengo|me da)|estoy teniendo|tengo) (?:un )?(?:infarto|ataque al corazon|ataque cardiaco)",
    now: true,
  },
  {
    label: "signos_de_derrame",
    tier: "emergency",
    category: "stroke",
    pattern:
      "(?:cara|boca) (?:\\w+ )?(?:caida|torcida|dormida|adormecida|chueca)|se me cae (?:la cara|la boca)|" +
      "(?:cara|boca) (?:\\w+ ){0,3}de un lado|no puedo hablar bien|hablo enredad[oa]|arrastro las palabras|" +
      "se me (?:durmio|adormecio|entumecio|cayo) (?:la mitad de )?(?:la cara|el brazo|la pierna|la boca|un lado)|" +
      `${NO_PUEDO} (?:levantar|mover|sentir) (?:el|la) (?:brazo|pierna|mano|lado)|` +
      "(?:las )?palabras no me salen|(?:hablo|me sale la voz) (?:raro|arrastrad)|" +
      "(?:me esta dando|creo que (?:es|tengo|me da)|tengo|estoy teniendo) (?:un|una) (?:derrame|ictus|embolia)|" +
      "no veo (?:de|por) un ojo|el peor dolor de cabeza de mi vida",
    now: true,
  },
  {
    label: "no_puede_respirar",
    tier: "emergency",
    category: "breathing",
    pattern:
      `${NO_PUEDO} respirar|me falta (?:el )?aire|me cuesta (?:mucho )?respirar|me estoy ahogando|me ahogo|` +
      "se me cierra la garganta|labios (?:estan )?morados",
    now: true,
  },
  {
    label: "no_responde",
    tier: "emergency",
    category: "unresponsive",
    pattern:
      "no (?:se )?(?:despierta|reacciona|respira|esta respirando|se mueve)|no (?:me )?responde (?:cuando|a nada|aunque)|" +
      "(?:se desmayo|perdio el conocimiento|inconsciente|se desplomo)|no (?:la|lo|los) puedo despertar",
    now: true,
    unless: ["ya esta bien|ya se desperto|ya desperto|se recupero|ya reacciono"],
  },
];

const high: SafetyPhrase[] = [
  {
    label: "suicidio",
    tier: "high",
    category: "suicide",
    pattern:
      "suicid(?:io|arme|arse|a)|matarme|me (?:voy a|quiero) matar|quitarme la vida|acabar con (?:todo|mi vida)|" +
      `(?:tomarme|tomar|tragarme) todas (?:las|mis) ${PASTILLAS}|tirarme (?:del|de un|por|al|a las)|` +
      "(?:me )?quiero morir(?:me)?|(?:prefiero|preferiria|mejor) estar muert[oa]|mejor muert[oa]",
  },
  {
    label: "deseo_de_morir",
    tier: "high",
    category: "suicide",
    pattern:
      "ojala (?:estuviera|estuviese) muert[oa]|ojala me muriera|(?:dormirme|dormir) y no despertar|" +
      "ojala no (?:despertara|despertase|me despertara)|no quiero (?:vivir|seguir viviendo|despertar|estar aqui|seguir)|" +
      "cansad[oa] de vivir|(?:nada|nadie) (?:por|para) (?:que|quien) vivir|para que seguir|" +
      "quiero que todo (?:termine|se acabe)|(?:quiero )?(?:irme|ir|salir|dejar) (?:de )?este mundo|no quiero seguir aqui|quiero irme con (?:mi|el|ella)|(?:la vida )?(?:ya )?no vale la pena|(?:dios|senor|virgen)(?: \\w+){0,5} (?:que )?me (?:lleve|recoja|llevara|llevase|recogiera)",
  },
  {
    label: "carga_mejor_sin_mi",
    tier: "high",
    category: "suicide",
    pattern:
      "(?:estarian|estaria|estaran) mejor sin mi|mejor si yo no (?:estuviera|existiera)|" +
      "nadie (?:notaria|me extranaria|se daria cuenta)|si yo (?:desapareciera|no estuviera|me muriera)",
  },
  {
    label: "medios_y_despedidas",
    tier: "high",
    category: "suicide",
    pattern:
      `(?:guardando|juntando|escondiendo|ahorrando|acumulando) (?:\\w+ )?(?:mis |las )?${PASTILLAS}|` +
      "(?:cartas|notas) (?:para|de) despedirme|(?:quiero|queria|necesito) despedirme|" +
      "regalando (?:todas )?mis cosas|ya no (?:las|los) voy a necesitar|ultima vez que (?:hablamos|me oye)",
  },
  {
    label: "autolesion",
    tier: "high",
    category: "self_harm",
    pattern:
      "hacerme dano|lastimarme|me (?:he estado |estoy )?cortando|me (?:hice|hago|haria) dano|" +
      `me golpeo (?:la cabeza )?contra|(?:me tome|tome) demasiadas ${PASTILLAS}`,
  },
  {
    label: "maltrato",
    tier: "high",
    category: "abuse",
    pattern:
      "me (?:pega|pegan|pego|golpea|golpean|golpeo|golpearon|empuja|empujan|empujo|da empujones|patea|pateo|lastima|esta lastimando|" +
      "encierra|encierran|amenaza|amenazo)|(?:me dio|me da) (?:una )?(?:bofetada|cachetada|golpiza|paliza)",
  },
];

const medium: SafetyPhrase[] = [
  {
    label: "desesperanza",
    tier: "medium",
    category: "hopelessness",
    pattern:
      "sin esperanza|no tengo esperanza|no puedo mas|no aguanto mas|atrapad[oa]|sin salida|me (?:he )?rendido|soy una carga|" +
      "me estoy muriendo|nadie me extranaria",
  },
  {
    label: "maltrato_emocional",
    tier: "medium",
    category: "abuse",
    pattern:
      "me (?:grita|gritan|insulta|insultan)|me (?:dice|llama) (?:inutil|estupid[oa]|tont[oa]|loc[oa])|" +
      "(?:meter|mandar) en un asilo|(?:miedo|le tengo miedo) (?:a|de) (?:mi|la|el)|no me deja (?:ver|salir|usar|hablar|llamar)",
  },
  {
    label: "abandono",
    tier: "medium",
    category: "neglect",
    pattern:
      "(?:cuidadora?|enfermera|ayudante) no (?:viene|vino|ha venido)|nadie me (?:ha )?(?:ayudado|ayuda|trae|traido|ha traido)|" +
      `me dejan? sol[oa] (?:todo el dia|sin)|sin comida|(?:ya )?no me dan (?:mis |las )?${PASTILLAS}`,
  },
  {
    label: "abuso_financiero",
    tier: "medium",
    category: "financial",
    pattern:
      "(?:se llevo|se quedo con|me quito|me quitaron|tiene|agarro|me robo|me robaron) (?:mi|la|el|mis) (?:tarjeta|dinero|chequera|pension|cartera)|" +
      "sacando dinero|me saca dinero|(?:me hizo|me hicieron|me obligo a) firmar|fianza|carcel y necesita|" +
      "(?:gane|he ganado) (?:la loteria|un premio)|controla (?:todo )?mi dinero|tarjetas de regalo",
  },
  {
    label: "confusion_es",
    tier: "medium",
    category: "confusion",
    pattern:
      "no se donde (?:estoy|deje a mi|esta mi)|(?:se me olvida|olvido|no recuerdo) donde estoy|no (?:reconoci|reconozco) (?:mi|a|mi propia)|" +
      "no se (?:que|en que) (?:dia|ano|mes)|no se como (?:volver|llegar|regresar)|" +
      "esperando a (?:que )?mi (?:mama|madre|papa|padre)|no me acuerdo si me tome|(?:las )?(?:tome|tomado) dos veces|" +
      "me perdi (?:\\w+ )?(?:camino|volviendo|regresando|en la calle|y no se)|me perdi$",
  },
  {
    label: "autoabandono",
    tier: "medium",
    category: "self_neglect",
    pattern:
      "no he comido|(?:ya )?no tengo (?:nada )?(?:que|de) comer|no (?:tengo|hay) (?:nada de )?comida|no hay (?:nada )?(?:que|de) comer|" +
      `(?:sin|no tengo|no hay) (?:calefaccion|luz|agua|gas|${PASTILLAS})|` +
      "(?:me|nos) (?:cortaron|quitaron) (?:la luz|el agua|el gas|la calefaccion)|" +
      `se me (?:acabaron|acabo|terminaron|termino) (?:las |la |mis |el )?${PASTILLAS}|` +
      `deje de tomar (?:la |mis |las |el )?${PASTILLAS}|no me alcanza (?:el dinero )?para`,
    unless: ["todavia|aun no|cocinando|preparando|ahorita como"],
  },
  {
    label: "caidas_repetidas",
    tier: "medium",
    category: "fall",
    pattern:
      "me he caido (?:dos|tres|varias|muchas) veces|me caigo (?:mucho|seguido|a cada rato)|" +
      "se me doblan las (?:piernas|rodillas)|miedo (?:a|de) caerme|casi me caigo",
    now: true,
  },
];

const low: SafetyPhrase[] = [
  {
    label: "soledad",
    tier: "low",
    category: "loneliness",
    pattern:
      "me siento (?:muy |tan )?sol(?:[oa]|it[oa])|sol[oa] todo el tiempo|(?:ya )?nadie me (?:llama|visita|habla)|" +
      "no he hablado con nadie|nadie (?:me )?(?:viene|vino|va) a (?:verme|visitarme)|nunca vienen a verme|no tengo con quien hablar|(?:se )?olvidaron de mi|soledad",
  },
  {
    label: "animo_bajo",
    tier: "low",
    category: "low_mood",
    pattern:
      "deprimid[oa]|decaid[oa]|desanimad[oa]|bajonead[oa]|depresion|(?:muy|tan) triste|triste todo el tiempo|lloro mucho|nada me da alegria|" +
      "vaci[oa] por dentro|no tengo ganas de (?:levantarme|nada)|me siento inutil",
  },
];

/** Spanish phrase families, written for the same warning signs as the English ones. */
export const SPANISH: PhraseList = {
  negations: "no|nunca|jamas|tampoco",
  self: "yo|me",
  others:
    "mi (?:hermana|hermano|vecina|vecino|amiga|amigo|esposo|esposa|marido|mujer|hijo|hija|madre|padre|mama|papa|" +
    "prima|primo|tia|tio|nieto|nieta|comadre|compadre)|ella|ellos|ellas",
  reported: "pelicula|novela|telenovela|serie|noticias|(?:un|el|ese|este|una|la) (?:libro|cuento|obra)",
  past: "hace (?:\\w+ )?anos|el ano pasado|antes|cuando era|de joven",
  exclusions: [
    "matar el tiempo",
    "matando el tiempo",
    "muert[oa] de (?:cansancio|risa|hambre|sueno|frio)",
    "me muero de (?:risa|hambre|ganas|sueno|frio)",
    "para morirse",
    "me esta matando",
    "sin aliento",
    "me quede dormid[oa]",
    "no (?:me )?responde (?:mis |los |a mis )?(?:mensajes|llamadas|correos)",
  ],
  phrases: [...emergency, ...high, ...medium, ...low],
};
