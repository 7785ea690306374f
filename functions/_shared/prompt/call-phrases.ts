import type { CallPhrases } from "../contracts/bridge.ts";
import type { PromptLanguage } from "./local-time.ts";

/**
 * What the Worker says at the call's fixed moments (greeting, silence, keys, minutes, slow tools): each an
 * instruction for the model's next response. The apology is the copy module's `call.apology`.
 */
export function callPhrases(language: PromptLanguage, name: string, firstCall: boolean): CallPhrases {
  return language === "es" ? spanish(name, firstCall) : english(name, firstCall);
}

function english(name: string, firstCall: boolean): CallPhrases {
  return {
    greeting: firstCall
      ? `Greet ${name} warmly by name, say you are Ultaura, an AI companion their family set up (not a person), and ask how they are today.`
      : `Greet ${name} warmly by name like a familiar friend and ask how they are today.`,
    silenceCheck: `${name} has been quiet for a while. Gently ask if they are still there, in one short sentence.`,
    silenceGoodbye: `${name} has not answered. Say a short, warm goodbye, mention you will talk another time, and end.`,
    optOutConfirm:
      "They pressed 9. Ask, in one short sentence, whether they want Ultaura to stop calling them; if so, press 9 again.",
    optOutGoodbye:
      "They confirmed they want no more calls. Say kindly that you will not call again, that their family can turn calls back on, and say goodbye.",
    help: "They pressed 0 for help. Explain slowly: press 1 to hear the last thing again, press 9 to stop the calls. For an emergency call 911; for a crisis call or text 988. Their family can also help with the settings.",
    repeat: "They pressed 1. Repeat the last thing you said, more slowly and simply.",
    lowMinutes:
      "Only a few minutes of the free trial remain. Mention it gently once, and begin to wrap up in the next minute or two.",
    minutesGoodbye:
      "The free trial minutes are used up. Tell them warmly that the time is up for now, that their family can add more minutes, and say goodbye.",
    toolFiller: 'Say only a short filler such as "One moment while I check."',
  };
}

function spanish(name: string, firstCall: boolean): CallPhrases {
  return {
    greeting: firstCall
      ? `Saluda a ${name} con cariño por su nombre, di que eres Ultaura, una compañía de inteligencia artificial que su familia configuró (no una persona), y pregúntale cómo está hoy. Habla en español.`
      : `Saluda a ${name} con cariño por su nombre, como a una amistad conocida, y pregúntale cómo está hoy. Habla en español.`,
    silenceCheck: `${name} lleva un rato en silencio. Pregúntale con suavidad si sigue ahí, en una frase corta.`,
    silenceGoodbye: `${name} no responde. Despídete con cariño y brevedad, di que hablarán en otro momento, y termina.`,
    optOutConfirm:
      "Ha pulsado el 9. Pregúntale, en una frase corta, si quiere que Ultaura deje de llamarle; si es así, que pulse 9 otra vez.",
    optOutGoodbye:
      "Ha confirmado que no quiere más llamadas. Dile con amabilidad que no volverás a llamar, que su familia puede reactivar las llamadas, y despídete.",
    help: "Ha pulsado el 0 para pedir ayuda. Explica despacio: pulse 1 para oír de nuevo lo último, pulse 9 para dejar de recibir llamadas. En una emergencia, llame al 911; en una crisis, llame o envíe un mensaje al 988. Su familia también puede ayudar con la configuración.",
    repeat: "Ha pulsado el 1. Repite lo último que dijiste, más despacio y más sencillo.",
    lowMinutes:
      "Quedan pocos minutos de la prueba gratuita. Menciónalo una vez con suavidad y empieza a despedirte en uno o dos minutos.",
    minutesGoodbye:
      "Se han acabado los minutos de la prueba gratuita. Dile con cariño que por ahora se acabó el tiempo, que su familia puede añadir más minutos, y despídete.",
    toolFiller: 'Di solo una frase breve como "Un momento, lo compruebo."',
  };
}
