// Names Harbor and its registry accept. No imports, so other packages' tests can hold their names against it.

/** A Harbor project name: goharbor/harbor src/pkg/project/manager.go (restrictedNameChars, 1–255 characters). */
export const isHarborProjectName = (name: string) => name.length >= 1 && name.length <= 255 && /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name);

/** A Harbor robot's own name: goharbor/harbor src/server/v2.0/handler/robot.go validateName ('+' is Harbor's). */
export const isHarborRobotName = (name: string) => /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name);

// distribution/reference: path components joined by '/', each alphanumeric runs split by one '.' or '_',
// two '_', or any number of '-'; the whole name at most 255 characters (NameTotalLengthMax).
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const REPOSITORY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);

/** A repository name (project/…/name) as the registry's reference grammar reads it. */
export const isRepositoryName = (name: string) => name.length <= 255 && REPOSITORY.test(name);

/**
 * An image name "<registry host>/<repository>" (no tag) as distribution/reference checks it: the repository
 * as above, and at most 255 characters with the host (NameTotalLengthMax counts the whole name).
 */
export const isImageName = (name: string) => name.length <= 255 && name.includes("/") && REPOSITORY.test(name.slice(name.indexOf("/") + 1));
