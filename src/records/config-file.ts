/** The declared provenance lives here, at the top of the dataset directory. */
export const CONFIG_FILE = 'tdgov.yaml'
