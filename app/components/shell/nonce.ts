import { createContext, useContext } from "react";

/** The request's CSP nonce for inline scripts: set on the server, empty in the browser (which hides nonces anyway). */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
