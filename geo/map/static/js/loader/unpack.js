/* gba-atlas: the self-contained page's scripts, stylesheets and data, carried compressed
   (geo/map/offline/packing.py; not a part of the page script, which is one of them). The page
   holds them as one raw DEFLATE stream in base64, about a third of their size; this inflates it
   (synchronously, so that every part still runs where and when it stood in the page, before the
   load event) and gbaUnpack(i) puts part i back in place of the script that calls it: a <script>
   runs there, a <style> applies, a JSON block is found by its id. */
(function () {
  "use strict";

  const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
    4097, 6145, 8193, 12289, 16385, 24577];
  const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

  /* A canonical Huffman code as a lookup table indexed by the next `bits` input bits (least
     significant first): each entry is symbol << 4 | code length. */
  function table(lengths) {
    let bits = 1;
    lengths.forEach((n) => { if (n > bits) bits = n; });
    const count = new Uint16Array(16);
    lengths.forEach((n) => { count[n]++; });
    count[0] = 0;
    const next = new Uint16Array(16);
    for (let n = 1, code = 0; n < 16; n++) {
      code = (code + count[n - 1]) << 1;
      next[n] = code;
    }
    const entries = new Int32Array(1 << bits);
    lengths.forEach((n, symbol) => {
      if (!n) return;
      let code = next[n]++, reversed = 0;
      for (let i = 0; i < n; i++, code >>= 1) reversed = (reversed << 1) | (code & 1);
      for (let i = reversed; i < entries.length; i += 1 << n) entries[i] = (symbol << 4) | n;
    });
    return { entries, bits };
  }

  function fixedTables() {
    const lengths = new Array(288).fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
    return [table(lengths), table(new Array(30).fill(5))];
  }

  /* The codes of one compressed block, from the reader's state `s` ({input, out, at, buffer, held,
     written}) to the block's end. No calls inside the loop: V8 optimises it while it runs (once, on
     the page's first parse) and nothing in it is left without type feedback to undo that. */
  function codes(s, literal, distance) {
    const input = s.input, out = s.out, end = input.length;
    const litEntries = literal.entries, litMask = (1 << literal.bits) - 1, litBits = literal.bits;
    const distEntries = distance.entries, distMask = (1 << distance.bits) - 1, distBits = distance.bits;
    let at = s.at, buffer = s.buffer, held = s.held, written = s.written;
    for (;;) {
      while (held < 24) {
        buffer |= (at < end ? input[at] : 0) << held;
        at++;
        held += 8;
      }
      let entry = litEntries[buffer & litMask];
      buffer >>>= entry & 15;
      held -= entry & 15;
      const sym = entry >> 4;
      if (sym < 256) {
        out[written++] = sym;
        continue;
      }
      if (sym === 256) break;
      const extra = LENGTH_EXTRA[sym - 257];
      const length = LENGTH_BASE[sym - 257] + (buffer & ((1 << extra) - 1));
      buffer >>>= extra;
      held -= extra;
      while (held < 24) {
        buffer |= (at < end ? input[at] : 0) << held;
        at++;
        held += 8;
      }
      entry = distEntries[buffer & distMask];
      buffer >>>= entry & 15;
      held -= entry & 15;
      const d = entry >> 4;
      while (held < 16) {
        buffer |= (at < end ? input[at] : 0) << held;
        at++;
        held += 8;
      }
      const far = DIST_EXTRA[d];
      let from = written - DIST_BASE[d] - (buffer & ((1 << far) - 1));
      buffer >>>= far;
      held -= far;
      const stop = written + length;
      while (written < stop) out[written++] = out[from++];
    }
    Object.assign(s, { at, buffer, held, written });
    return litBits + distBits;
  }

  /* Raw DEFLATE (RFC 1951) of `input` into a new array of `size` bytes. */
  function inflate(input, size) {
    const s = { input, out: new Uint8Array(size), at: 0, buffer: 0, held: 0, written: 0 };
    const take = (n) => {
      while (s.held < n) {
        s.buffer |= (s.at < input.length ? input[s.at] : 0) << s.held;
        s.at++;
        s.held += 8;
      }
      const value = s.buffer & ((1 << n) - 1);
      s.buffer >>>= n;
      s.held -= n;
      return value;
    };
    const peek = (n) => {
      while (s.held < n) {
        s.buffer |= (s.at < input.length ? input[s.at] : 0) << s.held;
        s.at++;
        s.held += 8;
      }
      return s.buffer & ((1 << n) - 1);
    };
    const symbol = (code) => {
      const entry = code.entries[peek(code.bits)];
      take(entry & 15);
      return entry >> 4;
    };
    const dynamicTables = () => {
      const literals = take(5) + 257, distances = take(5) + 1, count = take(4) + 4;
      const codeLengths = new Array(19).fill(0);
      for (let i = 0; i < count; i++) codeLengths[ORDER[i]] = take(3);
      const lengthCode = table(codeLengths);
      const lengths = [];
      while (lengths.length < literals + distances) {
        const sym = symbol(lengthCode);
        if (sym < 16) lengths.push(sym);
        else if (sym === 16) lengths.push(...new Array(3 + take(2)).fill(lengths[lengths.length - 1]));
        else lengths.push(...new Array(sym === 17 ? 3 + take(3) : 11 + take(7)).fill(0));
      }
      return [table(lengths.slice(0, literals)), table(lengths.slice(literals))];
    };
    let last = 0;
    while (!last) {
      last = take(1);
      const type = take(2);
      if (type === 0) {
        s.at -= s.held >> 3;  // whole bytes read ahead into the buffer; the rest of this byte is padding
        s.buffer = 0;
        s.held = 0;
        const length = input[s.at] | (input[s.at + 1] << 8);
        s.out.set(input.subarray(s.at + 4, s.at + 4 + length), s.written);
        s.at += 4 + length;
        s.written += length;
      } else {
        const [literal, distance] = type === 1 ? fixedTables() : dynamicTables();
        codes(s, literal, distance);
      }
    }
    return s.out;
  }

  /* base64 to bytes: natively where the browser can (Chromium 140 and later), else by atob */
  function decode(base64) {
    if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(base64);
    const text = atob(base64), bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  /* pack: {data: base64, size: bytes, parts: [[tag, [[name, value], ...], start, end], ...]} */
  window.gbaUnpack = function (pack) {
    const bytes = inflate(decode(pack.data), pack.size);
    const text = new TextDecoder("utf-8");
    const parts = pack.parts.map(([tag, attributes, start, end]) => ({ tag, attributes, text: text.decode(bytes.subarray(start, end)) }));
    window.gbaUnpack = function (index) {
      const part = parts[index];
      const node = document.createElement(part.tag);
      part.attributes.forEach(([name, value]) => node.setAttribute(name, value));
      node.textContent = part.text;
      parts[index] = null;
      document.currentScript.before(node);
    };
  };
})();
