// English stopwords for topic and aspect term statistics: function words plus review filler
// ("really", "thing", "get"). Negators are kept out of this list on purpose only where a caller
// needs them; topic work drops them too. Normalised like the tokeniser (no apostrophes).

export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are arent as at be because been before
being below between both but by can cant could couldnt did didnt do does doesnt doing dont down
during each few for from further get gets got had hadnt has hasnt have havent having he hed hes
her here heres hers herself him himself his how hows i id ill im ive if in into is isnt it its
itself just lets me more most mustnt my myself no nor not of off on once only or other ought our
ours ourselves out over own same shant she shed shes should shouldnt so some such than that thats
the their theirs them themselves then there theres these they theyd theyll theyre theyve this
those through to too under until up very was wasnt we wed well were weve werent what whats when
whens where wheres which while who whos whom why whys will with wont would wouldnt you youd youll
youre youve your yours yourself yourselves one two three also even still really much many thing
things way lot bit us going go goes went gone make made makes can may might must shall yet ever
every since though although however get getting got use used using just like now new back time
day days week weeks month months year years know think want said say says see seen hi hello thanks
thank please dear ok okay yes yeah oh amp http https www com`.split(/\s+/),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}
