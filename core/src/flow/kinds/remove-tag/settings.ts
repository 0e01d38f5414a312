import { nodeSchemaOf } from '../../node-shape';
import { tagSettings } from '../tag-settings';

export const removeTagSchema = nodeSchemaOf('remove_tag', tagSettings);
