// Spanish, German and French templates for the texts customers in ES, DE and FR sometimes write
// in their own language (a few percent of all texts), so language detection has real work to do.

export type Lang = 'en' | 'es' | 'de' | 'fr';

type Table = Readonly<Record<string, readonly string[]>>;

const ES: Table = {
  'ticket.subject.where_is_order': [
    '¿Dónde está mi pedido {order}?',
    'Pedido {order} no ha llegado',
    'Retraso en la entrega',
  ],
  'ticket.body.where_is_order': [
    '[Hola|Buenos días], mi pedido {order} [debía llegar|tenía que llegar] el {promised} y [todavía no ha llegado|aún no lo tengo]. [¿Podéis revisarlo?|Necesito una solución, por favor.] [Gracias|Un saludo]',
  ],
  'ticket.subject.password_reset': ['No recibo el correo para cambiar la contraseña'],
  'ticket.body.password_reset': [
    '[Hola|Buenas], he pedido [dos veces|varias veces] restablecer la contraseña pero el correo nunca llega. [Ya he mirado en spam.|¿Me podéis ayudar?]',
  ],
  'post.product_praise': [
    '[Me encanta|Estoy muy contenta con] [mi nuevo|el] {product} de Northwind, [la calidad es estupenda|llegó muy rápido|queda precioso en casa].',
  ],
  'post.product_complaint': [
    '[Muy decepcionado con|No estoy contento con] el {product} de Northwind, [se rompió en una semana|la calidad es muy mala|no se parece a las fotos].',
  ],
  'post.delivery_late': [
    'Mi pedido de @NorthwindHome lleva [{late} días de retraso|una semana de retraso] y [nadie me responde|el transportista no sabe nada]. [Fatal.|Qué vergüenza.]',
  ],
  'post.general_praise': [
    '[Siempre compro en|Me encanta] Northwind Home, [todo llega bien y rápido|tienen cosas preciosas para la casa].',
  ],
  'post.product_storm': [
    'La tapa de mi batidora AeroBlend se [rompió|agrietó] [a los dos usos|en la primera semana] y ahora pierde agua. [¡No la compréis!|Qué desastre.]',
  ],
  'survey.delivery.good': ['[Llegó a tiempo|Entrega rápida] y [bien embalado|en perfecto estado].'],
  'survey.delivery.bad': ['El pedido llegó [con varios días de retraso|muy tarde] y sin avisar.'],
  'survey.relationship.good': [
    '[Buenos productos|Buena calidad] y [buen precio|entrega rápida]. Estoy muy contenta.',
  ],
  'survey.relationship.bad': [
    '[Las entregas siempre llegan tarde|El servicio al cliente es muy lento]. No estoy satisfecho.',
  ],
};

const DE: Table = {
  'ticket.subject.where_is_order': [
    'Wo ist meine Bestellung {order}?',
    'Lieferung verspätet',
    'Bestellung {order} nicht angekommen',
  ],
  'ticket.body.where_is_order': [
    '[Hallo|Guten Tag], meine Bestellung {order} sollte am {promised} kommen und ist [immer noch nicht da|bis heute nicht angekommen]. [Können Sie bitte nachsehen?|Bitte um eine schnelle Antwort.] [Danke|Viele Grüße]',
  ],
  'ticket.subject.password_reset': ['E-Mail zum Zurücksetzen des Passworts kommt nicht an'],
  'ticket.body.password_reset': [
    '[Hallo|Guten Tag], ich habe [zweimal|mehrmals] ein neues Passwort angefordert, aber die E-Mail kommt nie an. [Der Spam-Ordner ist auch leer.|Bitte helfen Sie mir.]',
  ],
  'post.product_praise': [
    '[Bin total begeistert von|Sehr zufrieden mit] [meinem neuen|dem] {product} von Northwind, [die Qualität ist super|die Lieferung war schnell|sieht toll aus].',
  ],
  'post.product_complaint': [
    '[Leider enttäuscht von|Nicht zufrieden mit] dem {product} von Northwind, [nach einer Woche kaputt|die Qualität ist schlecht|sieht ganz anders aus als auf den Fotos].',
  ],
  'post.delivery_late': [
    'Meine Bestellung bei @NorthwindHome ist schon [{late} Tage|eine Woche] zu spät und [niemand antwortet|der Paketdienst weiß von nichts]. [Ärgerlich.|Wirklich schlecht.]',
  ],
  'post.general_praise': [
    '[Ich bestelle immer wieder bei|Ich liebe] Northwind Home, [alles kommt schnell und gut verpackt|die Sachen sind wunderschön].',
  ],
  'post.product_storm': [
    'Der Deckel meines AeroBlend Mixers ist [nach zwei Benutzungen|in der ersten Woche] gerissen und jetzt läuft alles aus. [Finger weg!|Sehr ärgerlich.]',
  ],
  'survey.delivery.good': [
    '[Pünktlich geliefert|Schnelle Lieferung] und [gut verpackt|alles in Ordnung].',
  ],
  'survey.delivery.bad': [
    'Die Lieferung kam [mehrere Tage zu spät|viel zu spät] und ohne Information.',
  ],
  'survey.relationship.good': [
    '[Schöne Produkte|Gute Qualität] und [faire Preise|schnelle Lieferung]. Sehr zufrieden.',
  ],
  'survey.relationship.bad': [
    '[Die Lieferungen sind immer zu spät|Der Kundenservice ist sehr langsam]. Nicht zufrieden.',
  ],
};

const FR: Table = {
  'ticket.subject.where_is_order': [
    'Où est ma commande {order} ?',
    'Livraison en retard',
    'Commande {order} non reçue',
  ],
  'ticket.body.where_is_order': [
    '[Bonjour|Bonsoir], ma commande {order} devait arriver le {promised} et [je ne l’ai toujours pas reçue|elle n’est toujours pas arrivée]. [Pouvez-vous vérifier ?|Merci de me répondre rapidement.] [Cordialement|Merci]',
  ],
  'ticket.subject.password_reset': [
    'Je ne reçois pas l’e-mail de réinitialisation du mot de passe',
  ],
  'ticket.body.password_reset': [
    '[Bonjour|Bonsoir], j’ai demandé [deux fois|plusieurs fois] à réinitialiser mon mot de passe mais l’e-mail n’arrive jamais. [J’ai vérifié les spams.|Pouvez-vous m’aider ?]',
  ],
  'post.product_praise': [
    '[Je suis ravie de|Très contente de] [mon nouveau|ma commande :] {product} de chez Northwind, [la qualité est top|livraison rapide|il est magnifique dans le salon].',
  ],
  'post.product_complaint': [
    '[Très déçu par|Pas satisfait du] {product} de Northwind, [cassé au bout d’une semaine|qualité médiocre|rien à voir avec les photos].',
  ],
  'post.delivery_late': [
    'Ma commande chez @NorthwindHome a [{late} jours de retard|une semaine de retard] et [personne ne répond|le transporteur ne sait rien]. [Nul.|Vraiment pénible.]',
  ],
  'post.general_praise': [
    '[Je commande toujours chez|J’adore] Northwind Home, [tout arrive vite et bien emballé|de très jolies choses pour la maison].',
  ],
  'post.product_storm': [
    'Le couvercle de mon blender AeroBlend s’est fissuré [après deux utilisations|la première semaine] et maintenant il fuit. [À éviter !|Quelle déception.]',
  ],
  'survey.delivery.good': ['[Livré à temps|Livraison rapide] et [bien emballé|en parfait état].'],
  'survey.delivery.bad': [
    'La livraison est arrivée [avec plusieurs jours de retard|très en retard] et sans aucune information.',
  ],
  'survey.relationship.good': [
    '[Beaux produits|Bonne qualité] et [prix corrects|livraison rapide]. Très satisfaite.',
  ],
  'survey.relationship.bad': [
    '[Les livraisons sont toujours en retard|Le service client est très lent]. Pas satisfait.',
  ],
};

export const I18N: Readonly<Record<Exclude<Lang, 'en'>, Table>> = { es: ES, de: DE, fr: FR };
