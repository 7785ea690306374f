import type { ReminderCopy } from "./types.ts";

/** Palabras de los recordatorios en español (issue 24). */
export const remindersEs: ReminderCopy = {
  clock(hour, minute) {
    const h12 = hour % 12 === 0 ? 12 : hour % 12;
    const article = h12 === 1 ? "la" : "las";
    return minute === 0 ? `${article} ${h12}` : `${article} ${h12}:${String(minute).padStart(2, "0")}`;
  },
  kinds: { medication: "medicamento", appointment: "cita", other: "recordatorio" },
  callOpening: (name, time, text, ackKey) =>
    `Hola ${name}, le habla Ultaura con su recordatorio de ${time}: ${text}.` +
    (ackKey ? ` Marque ${ackKey} o diga sí cuando lo haya hecho.` : ""),
  callInstructions: (opening) =>
    "Esta es una llamada corta de recordatorio, no una charla habitual. Empiece diciendo exactamente, con " +
    `calidez y despacio: "${opening}" Cuando diga que sí, que ya lo hizo o que lo hará ahora, llame a ` +
    "acknowledge_reminder y agradézcale. Si quiere seguir hablando, converse como siempre; si no, despídase " +
    "brevemente. Si dice que ahora no, ofrezca llamar más tarde (move_reminder).",
  inCall: (time, text, requireAck) =>
    `Ahora toca un recordatorio: su recordatorio de ${time}, "${text}". En una pausa natural, recuérdeselo ` +
    "con una frase cálida" +
    (requireAck
      ? ", y pídale que diga sí cuando lo haya hecho; cuando lo confirme, llame a acknowledge_reminder."
      : "."),
  voicemail: (name, time) =>
    `Hola ${name}, le habla Ultaura con su recordatorio de ${time}. Volveremos a llamarle pronto. Adiós.`,
  acknowledged:
    "Confirmó el recordatorio (marcó la tecla). Agradézcale con calidez en una frase corta y pregúntele si quiere " +
    "conversar un momento; si no, despídase.",
  nothingToAcknowledge: "Ahora mismo no hay ningún recordatorio esperando confirmación.",
  toolsGuide:
    "Recordatorios: cuando le pida que le recuerde algo, llame a set_reminder y repítaselo con palabras " +
    "sencillas. list_reminders le dice sus recordatorios; move_reminder pospone o mueve el próximo (o lo " +
    "salta una vez); cancel_reminder quita uno de los suyos. Los que puso su familia solo se pueden mover o " +
    "saltar una vez, nunca cancelar por teléfono.",
  set: (text, when) => `Listo: le recordaré ${text} ${when}.`,
  moved: (text, when) => `De acuerdo: le recordaré ${text} ${when}.`,
  skipped: (text) => `De acuerdo: me salto el próximo recordatorio de ${text}, solo esta vez.`,
  cancelled: (text) => `Listo: el recordatorio de ${text} está cancelado.`,
  familyOnly: (text) =>
    `El recordatorio de ${text} lo puso su familia, así que no puedo cancelarlo por teléfono; puedo moverlo o saltarlo una vez.`,
  none: "Por ahora no tiene ningún recordatorio.",
  notFound:
    "No encontré ese recordatorio. Pregúntele a cuál se refiere, o mire la lista de sus recordatorios.",
  daily: "todos los días",
  weekdays: (days) =>
    `cada ${days.length > 1 ? `${days.slice(0, -1).join(", ")} y ${days[days.length - 1]}` : days[0]}`,
  dayNames: ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
  once: (date) => `el ${date}`,
  missedSms: (name, kind, time, text) =>
    `Ultaura: ${name} no confirmó el recordatorio de ${kind} de ${time}` +
    (text ? ` ("${text}")` : "") +
    " tras todos los intentos. Quizá quiera llamarle.",
};
