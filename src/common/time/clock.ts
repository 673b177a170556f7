/** "HH:mm" wall-clock times <-> minutes after local midnight ("24:00" = 1440). */
export const minuteToClock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export const clockToMinute = (clock: string) =>
  Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
