// The rustflags of the threaded build, read from its .cargo/config.toml, as
// the separate settings the "Build flags explained" page lists: each target
// feature on its own, each link argument by its name.
import { STAGES, rustflagsOf } from './stages.mjs';

export const threadedStage = STAGES.find((stage) => stage.threaded);

/** The config's rustflags, with each `-C` joined to its value: ["-C x", "-C y", …]. */
export function threadsRustflags() {
  const flags = rustflagsOf(threadedStage.slug);
  const joined = [];
  for (let i = 0; i < flags.length; i += 2) joined.push(`${flags[i]} ${flags[i + 1]}`);
  return joined;
}

/** Each setting that can be left out, with the rustflags that remain without it. */
export function threadsSettings() {
  const all = threadsRustflags();
  return all.flatMap((flag) => {
    const features = /^-C target-feature=(.*)$/.exec(flag);
    if (!features) {
      return [{ setting: flag.replace(/^-C link-arg=/, ''), flags: all.filter((other) => other !== flag) }];
    }
    const list = features[1].split(',');
    return list.map((feature) => ({
      setting: feature,
      flags: all.map((other) =>
        other === flag ? `-C target-feature=${list.filter((kept) => kept !== feature).join(',')}` : other,
      ),
    }));
  });
}
