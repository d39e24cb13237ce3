export { subtractionAttack } from './subtraction-attack';
