// The speaker the call-taker chose, for anything else that plays sound in the console (the ringer): one choice,
// read with useOutputDevice(); null means the system's default output.
import { createContext, useContext } from 'react';

export const OutputDeviceContext = createContext<string | null>(null);

export function useOutputDevice(): string | null {
  return useContext(OutputDeviceContext);
}
