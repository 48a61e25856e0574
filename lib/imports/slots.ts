/** Quiz slots made by the bank importer carry this key prefix: the content loader leaves them alone. */
export const IMPORTED_SLOT_PREFIX = "import-";
