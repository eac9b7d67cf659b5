// The forecast benchmark's baseline: the same simulation as the core's
// bench_kernel (src/core/forecast_bench.cpp + forecast_sim.cpp), in plain
// JavaScript written for speed — state in local variables and typed arrays,
// no objects in the hot loop, 64-bit seeding done in 32-bit halves. Like the
// core it keeps what a forecast needs of every path (the day the goal is
// reached, the amount at the end, the amount at each mark day of the fan
// chart) in typed arrays, then sums them: it must return the same checksum
// as the core, which proves both run the same work.
//
//   benchKernelJs(10_000, 365, 42) === core.benchKernel(10_000, 365, 42)
const TWO32 = 4294967296;

// 64-bit a * b mod 2^64 on [hi, lo] halves, exact in doubles (16-bit limbs).
function mul64(aH, aL, bH, bL) {
  const a0 = aL & 0xffff;
  const a1 = aL >>> 16;
  const b0 = bL & 0xffff;
  const b1 = bL >>> 16;
  const mid = a0 * b1 + a1 * b0;
  const low = a0 * b0 + (mid % 65536) * 65536;
  const lo = low % TWO32;
  const hi = (a1 * b1 + Math.floor(mid / 65536) + Math.floor(low / TWO32) + Math.imul(aH, bL) + Math.imul(aL, bH)) >>> 0;
  return [hi, lo >>> 0];
}

// splitmix64 over a [hi, lo] state; returns the output and updates state.
function splitmix64(state) {
  let lo = state[1] + 0x7f4a7c15;
  const carry = lo >= TWO32 ? 1 : 0;
  lo >>>= 0;
  const hi = (state[0] + 0x9e3779b9 + carry) >>> 0;
  state[0] = hi;
  state[1] = lo;
  let zH = hi;
  let zL = lo;
  // z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
  let xL = (zL ^ ((zL >>> 30) | (zH << 2))) >>> 0;
  let xH = (zH ^ (zH >>> 30)) >>> 0;
  [zH, zL] = mul64(xH, xL, 0xbf58476d, 0x1ce4e5b9);
  // z = (z ^ (z >> 27)) * 0x94D049BB133111EB
  xL = (zL ^ ((zL >>> 27) | (zH << 5))) >>> 0;
  xH = (zH ^ (zH >>> 27)) >>> 0;
  [zH, zL] = mul64(xH, xL, 0x94d049bb, 0x133111eb);
  // z ^ (z >> 31)
  return [(zH ^ (zH >>> 31)) >>> 0, (zL ^ ((zL >>> 31) | (zH << 1))) >>> 0];
}

// Xoshiro128::for_stream: four 32-bit words into `out`.
function seedStream(seed, stream, out) {
  const [mH, mL] = mul64(Math.floor(stream / TWO32) >>> 0, stream >>> 0, 0xd1b54a32, 0xd192ed03);
  const state = [((Math.floor(seed / TWO32) >>> 0) ^ mH) >>> 0, ((seed >>> 0) ^ mL) >>> 0];
  const a = splitmix64(state);
  const b = splitmix64(state);
  out[0] = a[1] | 0;
  out[1] = a[0] | 0;
  out[2] = b[1] | 0;
  out[3] = b[0] | 0;
}

export function benchKernelJs(paths, horizon, seed) {
  const st = new Int32Array(4);
  // xoshiro128** with the state in locals, as the hot loop below inlines it.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const below = (n) => {
    const result = Math.imul(((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25)), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return Math.floor((result * n) / TWO32);
  };

  seedStream(seed, 0xffffffff, st);
  [s0, s1, s2, s3] = st;
  const history = new Float64Array(364);
  for (let i = 0; i < 364; i += 1) {
    const level = i % 7 >= 5 ? 2_000_000 : 1_000_000;
    history[i] = Math.floor((level * (50 + below(101))) / 100);
    if (below(20) === 0) history[i] += 5_000_000;
  }
  const blocks = 52;
  const sums = new Float64Array(blocks);
  const tops = new Float64Array(blocks);
  const prefix = new Float64Array(blocks * 7);
  for (let j = 0; j < blocks; j += 1) {
    let run = 0;
    let most = -Infinity;
    for (let k = 0; k < 7; k += 1) {
      run += history[j * 7 + k];
      if (run > most) most = run;
      prefix[j * 7 + k] = run;
    }
    sums[j] = run;
    tops[j] = most;
  }
  const need = 1_000_000_000;
  const endIndex = horizon - 1;
  const points = Math.min(horizon, 60);
  const marks = new Int32Array(points);
  for (let i = 1; i <= points; i += 1) marks[i - 1] = Math.floor((i * horizon) / points) - 1;

  const replicate = new Int32Array(blocks);
  const doneOut = new Int32Array(paths);
  const atEndOut = new Float64Array(paths);
  const fanOut = new Float64Array(paths * points);
  for (let p = 0; p < paths; p += 1) {
    seedStream(seed, p, st);
    s0 = st[0];
    s1 = st[1];
    s2 = st[2];
    s3 = st[3];
    for (let j = 0; j < blocks; j += 1) replicate[j] = below(blocks);
    let total = 0;
    let atEnd = 0;
    let done = -1;
    let nextMark = 0;
    let markDay = points > 0 ? marks[0] : 0x7fffffff;
    const fan = p * points;
    for (let d0 = 0; d0 < horizon; d0 += 7) {
      const c = replicate[below(blocks)];
      const base = c * 7;
      const len = Math.min(7, horizon - d0);
      if (done < 0 && total + tops[c] >= need) {
        for (let k = 0; k < len; k += 1) {
          if (total + prefix[base + k] >= need) {
            done = d0 + k;
            break;
          }
        }
      }
      while (markDay < d0 + len) {
        fanOut[fan + nextMark] = total + prefix[base + markDay - d0];
        nextMark += 1;
        markDay = nextMark < points ? marks[nextMark] : 0x7fffffff;
      }
      if (endIndex >= d0 && endIndex < d0 + len) atEnd = total + prefix[base + endIndex - d0];
      total += len === 7 ? sums[c] : prefix[base + len - 1];
    }
    doneOut[p] = done;
    atEndOut[p] = atEnd;
  }
  // The core's checksum: every path's amount at the end plus its day, then
  // every fan value (exact: all below 2^53 here).
  let checksum = 0;
  for (let p = 0; p < paths; p += 1) checksum += atEndOut[p] + doneOut[p];
  for (let i = 0; i < fanOut.length; i += 1) checksum += fanOut[i];
  return String(checksum);
}
