/**
 * Print-safe pages: no ink within {@link PRINT_SAFE} points (¼ in) of any page edge, the strip
 * many office printers cannot print. Template margins are checked against it (template stage) and
 * the header and footer are placed inside it (layout stage).
 */
export const PRINT_SAFE = 18;
