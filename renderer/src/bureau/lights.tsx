/**
 * The traffic lights (红黄绿灯) as the bureau's screens draw them: the display both desks share lives in
 * renderer/src/components/TrafficLights.tsx (the officer's home table and project page show them the same way).
 */
export { LIGHT_COLOR, LightMark, dimensionLight, lightSentence, lightsHover, setBy } from '../components/TrafficLights';
